package dev.camstream.consumer.web;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;

/** Counts open live streams, so a client that goes away is seen to be released. */
@ApplicationScoped
public class StreamClients {

    private final AtomicInteger mjpeg = new AtomicInteger();
    private final AtomicInteger sse = new AtomicInteger();

    public int mjpeg() {
        return mjpeg.get();
    }

    public int sse() {
        return sse.get();
    }

    <T> Multi<T> countedAsMjpeg(Multi<T> stream) {
        return counted(stream, mjpeg);
    }

    <T> Multi<T> countedAsSse(Multi<T> stream) {
        return counted(stream, sse);
    }

    // onTermination covers completion, failure and cancellation, which is what a closed connection causes.
    private static <T> Multi<T> counted(Multi<T> stream, AtomicInteger counter) {
        return stream.onSubscription().invoke(counter::incrementAndGet)
                .onTermination().invoke(counter::decrementAndGet);
    }
}
