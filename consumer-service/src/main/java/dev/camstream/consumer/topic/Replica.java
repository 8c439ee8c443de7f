package dev.camstream.consumer.topic;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.stats.FrameStatistics.ProcessedBy;

/**
 * This replica as its group's statistics name it: the consumer group of the frames channel, and a name of
 * its own, {@code camstream.replica} if set, else its static group member id ({@code CAMSTREAM_INSTANCE_ID},
 * the pod's name on Kubernetes), else host name and process id, so two replicas on one host differ too.
 */
@ApplicationScoped
public class Replica {

    private final ProcessedBy identity;

    @Inject
    Replica(ConsumerSettings config, @ConfigProperty(name = "mp.messaging.incoming.frames.group.id") String group,
            @ConfigProperty(name = "mp.messaging.incoming.frames.group.instance.id") Optional<String> instanceId) {
        this(group, config.replica().or(() -> instanceId).orElseGet(Replica::hostAndProcess));
    }

    public Replica(String group, String name) {
        this.identity = new ProcessedBy(group, name);
    }

    public String group() {
        return identity.group();
    }

    public ProcessedBy identity() {
        return identity;
    }

    private static String hostAndProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
