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
    tile = { element, image: element.querySelector("img"), loading: false, wantedSeq: null, shownSeq: null, seenAt: 0 };
    tile.image.addEventListener("load", () => imageDone(tile));
    tile.image.addEventListener("error", () => imageDone(tile));
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
    document.querySelectorAll(".tile.large").forEach(other => other.classList.remove("large"));
    element.classList.toggle("large", large);
}

function requestImage(camera, tile) {
    if (tile.loading || tile.wantedSeq === tile.shownSeq) {
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
    setState(tile, "live");
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
        if (tile.seenAt === 0) {
            continue;
        }
        const age = now - tile.seenAt;
        setState(tile, age > NO_SIGNAL_AFTER_MS ? "no-signal" : age > STALE_AFTER_MS ? "stale" : "live");
    }
}

const events = new EventSource("stats/stream");
events.onmessage = message => showStatistics(JSON.parse(message.data));
events.onerror = () => { summary.textContent = "reconnecting…"; };
events.onopen = () => refreshCameras();
document.addEventListener("keydown", event => {
    if (event.key === "Escape") {
        document.querySelectorAll(".tile.large").forEach(tile => tile.classList.remove("large"));
    }
});

refreshCameras();
setInterval(refreshCameras, CAMERA_POLL_MS);
setInterval(markStale, 1000);
