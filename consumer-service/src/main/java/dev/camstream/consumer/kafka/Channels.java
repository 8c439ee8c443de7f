package dev.camstream.consumer.kafka;

/** Channel names shared by code, configuration and tests. A channel is not a topic: see application.properties. */
public final class Channels {

    public static final String FRAMES = "frames";

    private Channels() {
    }
}
