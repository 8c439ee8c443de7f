package dev.camstream.producer.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.camstream.producer.camera.CamstreamConfig;

/**
 * This producer instance's name, as {@code GET /cameras} says who grabs a camera: {@code camstream.instance}
 * ({@code CAMSTREAM_INSTANCE_ID}, the pod's name on Kubernetes), else host name and process id, so two
 * instances on one host differ too.
 */
@ApplicationScoped
public class Instance {

    private final String name;

    @Inject
    Instance(CamstreamConfig config) {
        this(config.instance().orElseGet(Instance::hostAndProcess));
    }

    public Instance(String name) {
        this.name = name;
    }

    public String name() {
        return name;
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
