package dev.camstream.consumer.processing;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

import dev.camstream.consumer.ConsumerConfig;
import io.quarkus.runtime.configuration.MemorySize;

/** A {@link ConsumerConfig} for plain unit tests: the defaults, with the two memory budgets given. */
record TestConfig(long imageMemoryBytes, long frameMemoryBytesGiven) implements ConsumerConfig {

    @Override
    public Mode mode() {
        return Mode.LATEST;
    }

    @Override
    public Duration maxLag() {
        return Duration.ofSeconds(2);
    }

    @Override
    public long maxPixels() {
        return 7680L * 4320;
    }

    @Override
    public int maxCameras() {
        return 256;
    }

    @Override
    public Duration cameraExpiry() {
        return Duration.ofMinutes(2);
    }

    @Override
    public MemorySize imageMemory() {
        return new MemorySize(BigInteger.valueOf(imageMemoryBytes));
    }

    @Override
    public Optional<MemorySize> frameMemory() {
        return Optional.of(new MemorySize(BigInteger.valueOf(frameMemoryBytesGiven)));
    }
}
