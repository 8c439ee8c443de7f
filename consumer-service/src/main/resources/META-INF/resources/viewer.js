// camstream live viewer: one tile per camera. Statistics arrive over one Server-Sent Events stream; each
// event asks for that camera's latest annotated frame, and a tile asks for the next one only once the
// previous has loaded, so a slow browser or network sees fewer frames instead of a growing backlog, and
// any number of cameras shares the browser's few connections per server.
"use strict";

const CAMERA_POLL_MS = 2000;
const STALE_AFTER_MS = 3000;
const NO_SIGNAL_AFTER_MS = 10000;
// A camera silent this long (by its last capture time) leaves the grid until it sends again.
const REMOVE_AFTER_MS = 5 * 60 * 1000;

const grid = document.getElementById("grid");
const summary = document.getElementById("summary");
const empty = document.getElementById("empty");
const template = document.getElementById("tile-template");
const tiles = new Map();

function tileFor(camera) {
    let tile = tiles.get(camera);
    if (tile) {
        return tile;
    }
    const element = template.content.firstElementChild.cloneNode(true);
    element.dataset.camera = camera;
    element.dataset.state = "waiting";
    element.querySelector(".camera").textContent = camera;
    element.querySelector("img").alt = "Latest frame of camera " + camera;
    element.addEventListener("click", () => toggleLarge(element));
    element.addEventListener("keydown", event => {
        if (event.key === "Enter") {
            toggleLarge(element);
        }
    });
    tile = { element, image: element.querySelector("img"), loading: false, wantedSeq: null, shownSeq: null, seenAt: 0,
        past: null, fetching: false, pending: false, pastUrl: null };
    tile.image.addEventListener("load", () => imageDone(tile));
    tile.image.addEventListener("error", () => imageDone(tile));
    setUpHistory(tile);
    tiles.set(camera, tile);
    insertSorted(element, camera);
    empty.hidden = true;
    return tile;
}

function insertSorted(element, camera) {
    const next = [...grid.children].find(child => child.dataset.camera > camera);
    grid.insertBefore(element, next || null);
}

function toggleLarge(element) {
    const large = !element.classList.contains("large");
    document.querySelectorAll(".tile.large").forEach(leaveLarge);
    element.classList.toggle("large", large);
    if (large) {
        refreshHistory();
    }
}

function leaveLarge(element) {
    element.classList.remove("large");
    goLive(tiles.get(element.dataset.camera));
}

function requestImage(camera, tile) {
    if (tile.past || tile.loading || tile.wantedSeq === tile.shownSeq) {
        return;
    }
    tile.loading = true;
    tile.shownSeq = tile.wantedSeq;
    tile.image.src = "frames/latest?camera=" + encodeURIComponent(camera) + "&seq=" + tile.wantedSeq;
}

function imageDone(tile) {
    tile.loading = false;
    tile.element.dataset.seq = String(tile.shownSeq);
    requestImage(tile.element.dataset.camera, tile);
}

function format(value, digits) {
    return Number(value).toFixed(digits);
}

function showStatistics(stats) {
    const tile = tileFor(stats.camera);
    const caption = tile.element;
    caption.querySelector(".latency").textContent = "latency " + format(stats.latencyMs, 0) + " ms";
    caption.querySelector(".mean").textContent =
        "R " + format(stats.mean.r, 1) + " G " + format(stats.mean.g, 1) + " B " + format(stats.mean.b, 1);
    caption.querySelector(".swatch").style.background =
        "rgb(" + Math.round(stats.mean.r) + "," + Math.round(stats.mean.g) + "," + Math.round(stats.mean.b) + ")";
    caption.querySelector(".luma").textContent = "luma " + format(stats.luma, 1);
    caption.querySelector(".motion").textContent = "motion " + format(stats.motion, 2);
    caption.dataset.statsSeq = String(stats.seq);
    showReplica(tile, stats.processedBy);
    tile.seenAt = Date.now();
    if (!tile.past) {
        setState(tile, "live");
    }
    tile.wantedSeq = stats.seq;
    requestImage(stats.camera, tile);
}

function showReplica(tile, processedBy) {
    if (processedBy) {
        tile.element.querySelector(".replica").textContent = "on " + processedBy.replica;
    }
}

function setState(tile, state) {
    if (tile.element.dataset.state !== state) {
        tile.element.dataset.state = state;
        tile.element.querySelector(".state").textContent = state === "no-signal" ? "no signal" : state;
    }
}

async function refreshCameras() {
    try {
        const response = await fetch("cameras", { cache: "no-store" });
        const cameras = await response.json();
        // Every camera of the group, whichever replica processes it (processedBy).
        const recent = cameras.filter(camera => camera.lastCaptureTime
            && Date.now() - Date.parse(camera.lastCaptureTime) < REMOVE_AFTER_MS);
        const ids = new Set(recent.map(camera => camera.id));
        for (const camera of recent) {
            const tile = tileFor(camera.id);
            tile.element.querySelector(".fps").textContent = format(camera.fps, 1) + " fps";
            showReplica(tile, camera.processedBy);
            if (tile.wantedSeq === null) {
                // Known, but silent since this page opened: show its last picture, which says "no signal".
                tile.wantedSeq = camera.lastSeq;
                setState(tile, camera.state);
                requestImage(camera.id, tile);
            }
        }
        for (const [id, tile] of tiles) {
            if (!ids.has(id)) {
                tile.element.remove();
                tiles.delete(id);
            }
        }
        summary.textContent = tiles.size + (tiles.size === 1 ? " camera" : " cameras");
        empty.hidden = tiles.size > 0;
    } catch (error) {
        summary.textContent = "consumer-service unreachable, retrying…";
    }
}

function markStale() {
    const now = Date.now();
    for (const tile of tiles.values()) {
        if (tile.seenAt === 0 || tile.past) {
            continue;
        }
        const age = now - tile.seenAt;
        setState(tile, age > NO_SIGNAL_AFTER_MS ? "no-signal" : age > STALE_AFTER_MS ? "stale" : "live");
    }
}

// Going back in time, in the large view: a timeline over what the frames topic holds of the camera
// (frames/span); dragging it shows the frame of the chosen moment (frames/at), one request at a time; play
// from there (frames/range, MJPEG); download the minute before it (clips); and a chart of luma and motion
// over the last minutes (stats/range), drawn here without any library.
const HISTORY_POLL_MS = 5000;
const CHART_MS = 5 * 60 * 1000;
const CHART_STEP = "5s";
const PLAYBACK_MS = 10 * 60 * 1000;
const CLIP_MS = 60 * 1000;

function setUpHistory(tile) {
    const history = tile.element.querySelector(".history");
    // Clicks and keys here work the controls; they do not leave the large view.
    history.addEventListener("click", event => event.stopPropagation());
    history.addEventListener("keydown", event => {
        if (event.key !== "Escape") {
            event.stopPropagation();
        }
    });
    tile.timeline = history.querySelector(".timeline");
    tile.moment = history.querySelector(".moment");
    tile.liveButton = history.querySelector(".live-button");
    tile.timeline.addEventListener("input", () => chooseMoment(tile));
    tile.timeline.addEventListener("change", () => chooseMoment(tile));
    tile.liveButton.addEventListener("click", () => goLive(tile));
    history.querySelector(".play").addEventListener("click", () => playFrom(tile));
    history.querySelector(".clip").addEventListener("click", event => {
        const end = tile.past ? tile.past.time : Date.now();
        event.currentTarget.href = "clips?camera=" + encodeURIComponent(tile.element.dataset.camera)
            + "&from=" + (end - CLIP_MS) + "&to=" + end;
    });
}

function chooseMoment(tile) {
    stopPlayback(tile);
    tile.past = { time: Number(tile.timeline.value) };
    tile.element.dataset.chosenTime = new Date(tile.past.time).toISOString();
    tile.liveButton.disabled = false;
    setState(tile, "past");
    showMoment(tile);
}

/** Shows the frame of the chosen moment; while one is on its way, only the latest choice is asked for next. */
async function showMoment(tile) {
    if (tile.fetching) {
        tile.pending = true;
        return;
    }
    tile.fetching = true;
    try {
        do {
            tile.pending = false;
            const time = tile.past.time;
            const response = await fetch("frames/at?camera=" + encodeURIComponent(tile.element.dataset.camera)
                + "&time=" + time);
            if (!tile.past || tile.past.playing) {
                break;
            }
            if (response.ok) {
                const url = URL.createObjectURL(await response.blob());
                showPastImage(tile, url);
                const captured = response.headers.get("X-Capture-Time");
                tile.element.dataset.captureTime = captured;
                tile.moment.textContent = formatTime(Date.parse(captured));
            } else {
                const error = await response.json();
                tile.moment.textContent = error.error === "outside-history" ? "no frame then" : error.message;
            }
        } while (tile.pending && tile.past);
    } catch (error) {
        tile.moment.textContent = "unreachable";
    } finally {
        tile.fetching = false;
    }
}

function showPastImage(tile, url) {
    const previous = tile.pastUrl;
    tile.pastUrl = url;
    tile.image.src = url;
    if (previous) {
        URL.revokeObjectURL(previous);
    }
}

function playFrom(tile) {
    const from = tile.past ? tile.past.time : Date.now() - CLIP_MS;
    const to = Math.min(from + PLAYBACK_MS, Date.now());
    stopPlayback(tile);
    tile.past = { time: from, playing: true, started: Date.now() };
    tile.liveButton.disabled = false;
    setState(tile, "past");
    tile.image.src = "frames/range?camera=" + encodeURIComponent(tile.element.dataset.camera)
        + "&from=" + from + "&to=" + to + "&speed=1";
    tile.playTimer = setInterval(() => {
        tile.moment.textContent = "▶ " + formatTime(from + Date.now() - tile.past.started);
    }, 200);
}

function stopPlayback(tile) {
    if (tile.playTimer) {
        clearInterval(tile.playTimer);
        tile.playTimer = null;
    }
}

function goLive(tile) {
    if (!tile || !tile.past) {
        return;
    }
    stopPlayback(tile);
    tile.past = null;
    tile.timeline.value = tile.timeline.max;
    tile.liveButton.disabled = true;
    tile.moment.textContent = "live";
    delete tile.element.dataset.captureTime;
    delete tile.element.dataset.chosenTime;
    setState(tile, "live");
    tile.loading = false;
    tile.shownSeq = null; // the latest frame again, even if it is the one shown before going back
    requestImage(tile.element.dataset.camera, tile);
    if (tile.pastUrl) {
        URL.revokeObjectURL(tile.pastUrl);
        tile.pastUrl = null;
    }
}

function formatTime(millis) {
    return new Date(millis).toLocaleTimeString([], { hour12: false }) + "." + String(Math.floor(millis % 1000 / 100));
}

async function refreshHistory() {
    const element = document.querySelector(".tile.large");
    if (!element) {
        return;
    }
    const tile = tiles.get(element.dataset.camera);
    const camera = encodeURIComponent(element.dataset.camera);
    try {
        const span = await (await fetch("frames/span?camera=" + camera, { cache: "no-store" })).json();
        if (span.oldest) {
            tile.timeline.min = Date.parse(span.oldest);
            tile.timeline.max = Date.parse(span.newest);
            if (!tile.past) {
                tile.timeline.value = tile.timeline.max;
            }
            element.dataset.oldest = span.oldest;
        }
        const now = Date.now();
        const series = await (await fetch("stats/range?camera=" + camera + "&from=" + (now - CHART_MS) + "&to=" + now
            + "&step=" + CHART_STEP, { cache: "no-store" })).json();
        drawChart(element.querySelector(".chart"), series.points || [], now - CHART_MS, now);
    } catch (error) {
        // the next refresh tries again
    }
}

/** Luma (0–255) and motion (scaled to its highest) of the last minutes, as two lines. */
function drawChart(canvas, points, from, to) {
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(canvas.clientWidth * ratio));
    canvas.height = Math.max(1, Math.round(canvas.clientHeight * ratio));
    const context = canvas.getContext("2d");
    const width = canvas.width;
    const height = canvas.height;
    context.clearRect(0, 0, width, height);
    const highestMotion = Math.max(1, ...points.map(point => point.motionMax));
    const x = time => (time - from) / (to - from) * width;
    const line = (colour, value) => {
        context.strokeStyle = colour;
        context.lineWidth = 2 * ratio;
        context.beginPath();
        points.forEach((point, i) => {
            const y = height - value(point) * (height - 4 * ratio) - 2 * ratio;
            const px = x(Date.parse(point.time));
            if (i === 0) {
                context.moveTo(px, y);
            } else {
                context.lineTo(px, y);
            }
        });
        context.stroke();
    };
    line("#3fb950", point => point.luma / 255);
    line("#d29922", point => point.motion / highestMotion);
    context.fillStyle = "#3fb950";
    context.font = (11 * ratio) + "px system-ui, sans-serif";
    context.fillText("luma", 6 * ratio, 14 * ratio);
    context.fillStyle = "#d29922";
    context.fillText("motion (max " + highestMotion.toFixed(1) + ")", 44 * ratio, 14 * ratio);
    canvas.dataset.points = String(points.length);
}

const events = new EventSource("stats/stream");
events.onmessage = message => showStatistics(JSON.parse(message.data));
events.onerror = () => { summary.textContent = "reconnecting…"; };
events.onopen = () => refreshCameras();
document.addEventListener("keydown", event => {
    if (event.key === "Escape") {
        document.querySelectorAll(".tile.large").forEach(leaveLarge);
    }
});

refreshCameras();
setInterval(refreshCameras, CAMERA_POLL_MS);
setInterval(refreshHistory, HISTORY_POLL_MS);
setInterval(markStale, 1000);
