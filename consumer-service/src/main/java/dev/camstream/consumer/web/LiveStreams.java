package dev.camstream.consumer.web;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.camstream.consumer.annotate.AnnotatedFrames;
import dev.camstream.consumer.memory.ImageMemoryBusyException;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.store.AnnotatedFrame;
import dev.camstream.consumer.store.CameraFeed;
import dev.camstream.consumer.store.FrameEvents;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The live streams behind {@code GET /frames/stream} (MJPEG of a camera's annotated frames, as
 * {@code multipart/x-mixed-replace}, which browsers, VLC and ffplay show) and {@code GET /stats/stream}
 * (statistics as Server-Sent Events). A slow client gets fewer frames, never a backlog.
 */
@ApplicationScoped
public class LiveStreams {

    static final String MJPEG = MjpegPart.MJPEG;

    private final CameraLookup cameras;
    private final AnnotatedFrames annotated;
    private final FrameEvents events;
    private final StreamClients clients;

    public LiveStreams(CameraLookup cameras, AnnotatedFrames annotated, FrameEvents events, StreamClients clients) {
        this.cameras = cameras;
        this.annotated = annotated;
        this.events = events;
        this.clients = clients;
    }

    public Multi<byte[]> mjpeg(String camera) {
        CameraFeed feed = cameras.resolve(camera);
        return clients.countedAsMjpeg(Multi.createFrom().deferred(() -> {
            AtomicLong lastSent = new AtomicLong(-1);
            // Each event is only a signal: the part sent is the camera's latest frame when the client is
            // ready for one, so a slow client skips ahead instead of falling behind.
            return events.stream()
                    .select().where(stats -> stats.camera().equals(feed.id()))
                    .onOverflow().drop()
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(signal -> latestOf(feed))
                    .select().where(frame -> frame != null && lastSent.getAndSet(frame.seq()) != frame.seq())
                    .map(LiveStreams::part);
        }));
    }

    public Multi<FrameStatistics> statistics(String camera) {
        Multi<FrameStatistics> all = events.stream();
        if (camera != null && !camera.isEmpty()) {
            String id = cameras.resolve(camera).id();
            all = all.select().where(stats -> stats.camera().equals(id));
        }
        return clients.countedAsSse(all.onOverflow().drop());
    }

    /** The camera's annotated latest frame, or null to send nothing this time (none kept, or memory busy). */
    private AnnotatedFrame latestOf(CameraFeed feed) {
        try {
            return annotated.latest(feed).orElse(null);
        } catch (ImageMemoryBusyException e) {
            return null;
        }
    }

    private static byte[] part(AnnotatedFrame frame) {
        return MjpegPart.of(frame.camera(), frame.seq(), frame.capturedAt(), frame.jpeg());
    }
}
