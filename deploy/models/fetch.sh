#!/usr/bin/env bash
# Fetches models camstream can run, with npm (the registry's packages, nothing else), into deploy/models/:
#   mediapipe/face_detection_short_range.tflite  MediaPipe's BlazeFace, 128x128 (Apache-2.0)
#   mediapipe/face_detection_full_range.tflite   the same for faces further away, 192x192
# camstream never downloads a model itself; point a detector at one of these (docs/analysis.md):
#   camstream.detectors.face.model=deploy/models/mediapipe/face_detection_short_range.tflite
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
package="@mediapipe/face_detection@0.4.1657300184"
target="$here/mediapipe"
if [ -f "$target/face_detection_short_range.tflite" ] && [ -f "$target/face_detection_full_range.tflite" ]; then
    echo "models are in $target"
    exit 0
fi
command -v npm >/dev/null || { echo "npm is needed to fetch the models (Debian: apt-get install npm)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work"
mkdir -p "$target"
cp "$work/package/face_detection_short_range.tflite" "$work/package/face_detection_full_range.tflite" "$target/"
echo "models are in $target"
