package dev.camstream.producer.grab;

import java.util.function.LongSupplier;

import dev.camstream.producer.camera.Camera;
import dev.camstream.producer.camera.CameraSource;
import dev.camstream.producer.frame.CapturedFrame;
import dev.camstream.producer.frame.CodedVideo;
import dev.camstream.producer.passthrough.AccessUnit;
import dev.camstream.producer.passthrough.AccessUnitReader;
import dev.camstream.producer.status.CameraMetrics;
import dev.camstream.producer.status.CameraStatus;

/**
 * Wire format v2: the camera's access units as they came, nothing decoded or encoded. A unit depends on the
 * ones before it back to the last keyframe, so the stream sent always starts at a keyframe, and a unit that
 * cannot be sent (backpressure) drops the rest of its group of pictures too, until the next keyframe: what
 * reaches Kafka always decodes. {@code max-fps} and {@code max-width} do not apply: thinning or scaling would
 * mean decoding.
 */
final class PassthroughFrames implements FrameStream {

    private final Camera camera;
    private final AccessUnitReader reader;
    private final CameraStatus status;
    private final CameraMetrics metrics;
    private final FrameSink sink;
    private final LongSupplier nextSeq;
    private AccessUnit unit;
    private boolean awaitingKeyframe = true;

    PassthroughFrames(Camera camera, AccessUnitReader reader, CameraStatus status, CameraMetrics metrics,
            FrameSink sink, LongSupplier nextSeq) {
        this.camera = camera;
        this.reader = reader;
        this.status = status;
        this.metrics = metrics;
        this.sink = sink;
        this.nextSeq = nextSeq;
    }

    @Override
    public boolean advance() throws Exception {
        long start = System.nanoTime();
        unit = reader.next();
        metrics.grabbed(System.nanoTime() - start);
        return unit != null;
    }

    @Override
    public long timestampMicros() {
        return unit.timestampMicros();
    }

    @Override
    public boolean rewind() throws Exception {
        if (camera.source().kind() != CameraSource.Kind.FILE) {
            return false;
        }
        reader.rewind();
        awaitingKeyframe = true;
        return true;
    }

    @Override
    public void handOn(long captureMicros) {
        if (awaitingKeyframe && !unit.keyframe()) {
            status.awaitingKeyframe();
            return;
        }
        long frameSeq = nextSeq.getAsLong();
        if (!sink.hasDemand()) {
            awaitingKeyframe = true;
            status.droppedByBackpressure();
            return;
        }
        CodedVideo video = unit.keyframe() ? CodedVideo.keyframe(reader.codec(), unit.parameterSets())
                : CodedVideo.delta(reader.codec());
        status.picture(unit.width(), unit.height(), null);
        if (sink.offer(new CapturedFrame(camera.id(), frameSeq, captureMicros, unit.width(), unit.height(),
                unit.data(), video, status))) {
            awaitingKeyframe = false;
        } else {
            awaitingKeyframe = true;
            status.droppedByBackpressure();
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
