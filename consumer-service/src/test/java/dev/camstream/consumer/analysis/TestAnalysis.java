package dev.camstream.consumer.analysis;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.bus.DetectionFormat;
import dev.camstream.consumer.bus.DetectionsPublisher;
import dev.camstream.consumer.detect.Detector;
import dev.camstream.consumer.detect.Detectors;
import dev.camstream.consumer.memory.ImageBudget;
import dev.camstream.consumer.store.DetectionFeed;
import dev.camstream.consumer.topic.KafkaClients;
import dev.camstream.consumer.topic.Replica;
import io.micrometer.core.instrument.MeterRegistry;

/** Frame analysis built by hand for plain unit tests, with the given detectors and no broker. */
public final class TestAnalysis {

    private TestAnalysis() {
    }

    public static FrameAnalysis withDetectors(ConsumerSettings config, ImageBudget budget, MeterRegistry registry,
            Detector... detectors) {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        Replica replica = new Replica("group", "test-replica");
        KafkaClients clients = new KafkaClients(Map.of());
        DetectionsPublisher publisher = new DetectionsPublisher(config, clients, new DetectionFormat(json), replica, registry);
        AnalysisWorkers workers = new AnalysisWorkers(config, publisher, new DetectionFeed(config), new AnalysisMeters(registry), replica);
        return new FrameAnalysis(new RegistryFollower(config, clients, replica, json), new Detectors(List.of(detectors), config),
                workers, new AnalysisMeters(registry), budget, config);
    }
}
