package dev.camstream.consumer.stats;

/** One value per colour channel, 0–255. */
public record ChannelValues(double r, double g, double b) {
}
