package dev.camstream.consumer;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;

/** A {@link ConsumerSettings} for plain unit tests: the defaults, with the two memory budgets given. */
public record TestSettings(long imageMemoryBytes, long frameMemoryBytesGiven) implements ConsumerSettings {

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
    public Optional<String> replica() {
        return Optional.of("test-replica");
    }

    @Override
    public Duration noSignalAfter() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Statistics statistics() {
        return new Statistics() {
            @Override
            public String topic() {
                return "frames.stats";
            }

            @Override
            public boolean follow() {
                return false;
            }

            @Override
            public int partitions() {
                return 1;
            }

            @Override
            public Optional<Short> replicationFactor() {
                return Optional.empty();
            }

            @Override
            public Duration history() {
                return Duration.ofHours(1);
            }

            @Override
            public Duration retention() {
                return Duration.ofHours(24);
            }
        };
    }

    @Override
    public History history() {
        throw new UnsupportedOperationException("no history in plain unit tests");
    }

    @Override
    public Optional<MemorySize> frameMemory() {
        return Optional.of(new MemorySize(BigInteger.valueOf(frameMemoryBytesGiven)));
    }

    @Override
    public Analysis analysis() {
        return new Analysis() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Optional<List<String>> detectors() {
                return Optional.empty();
            }

            @Override
            public double fps() {
                return 5;
            }

            @Override
            public double minScore() {
                return 0.5;
            }

            @Override
            public Optional<List<String>> labels() {
                return Optional.empty();
            }

            @Override
            public Duration idleInterval() {
                return Duration.ofSeconds(30);
            }

            @Override
            public int motionThreshold() {
                return 25;
            }

            @Override
            public int workers() {
                return 1;
            }

            @Override
            public String registryTopic() {
                return "cameras";
            }

            @Override
            public boolean followRegistry() {
                return false;
            }
        };
    }

    @Override
    public Map<String, ModelSettings> detectors() {
        return Map.of();
    }

    @Override
    public Detections detections() {
        return new Detections() {
            @Override
            public String topic() {
                return "frames.detections";
            }

            @Override
            public int partitions() {
                return 1;
            }

            @Override
            public Optional<Short> replicationFactor() {
                return Optional.empty();
            }

            @Override
            public Duration retention() {
                return Duration.ofHours(24);
            }
        };
    }
}
