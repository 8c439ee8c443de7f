package dev.camstream.consumer.topic;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creating a topic this consumer writes, with its settings, unless it exists: so that the broker never makes it
 * with its defaults.
 */
public final class TopicCreation {

    public static final long CALL_TIMEOUT_SECONDS = 10;

    private TopicCreation() {
    }

    /** Whether {@code topic} exists. */
    public static boolean exists(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listTopics().names().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).contains(topic);
    }

    /** Creates it; another replica creating it at the same moment is fine. Whether this call created it. */
    public static boolean create(Admin admin, NewTopic topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            admin.createTopics(List.of(topic)).all().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }
}
