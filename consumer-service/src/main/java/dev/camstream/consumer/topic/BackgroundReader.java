package dev.camstream.consumer.topic;

import java.time.Duration;

import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The thread of a bean that follows a topic in the background: started once, paused between attempts
 * while the broker is away, and stopped by waking its consumer up (no interrupt: a Kafka client interrupted
 * while it closes logs an error).
 */
public final class BackgroundReader {

    private static final long STOP_WAIT_MILLIS = 5000;

    private volatile boolean running = true;
    private volatile KafkaConsumer<?, ?> consumer;
    private Thread thread;

    /** Runs {@code body} on a daemon thread named {@code name}. */
    public synchronized void start(String name, Runnable body) {
        thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    public boolean running() {
        return running;
    }

    /** The consumer the thread reads with now, woken up by {@link #stop}. */
    public void reading(KafkaConsumer<?, ?> current) {
        consumer = current;
    }

    /** Waits {@code wait} before the thread tries again, or less if the service stops meanwhile. */
    public void pause(Duration wait) throws InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        while (running && System.nanoTime() < until) {
            Thread.sleep(100);
        }
    }

    public void stop() throws InterruptedException {
        running = false;
        KafkaConsumer<?, ?> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread started;
        synchronized (this) {
            started = thread;
        }
        if (started != null) {
            started.join(STOP_WAIT_MILLIS);
        }
    }
}
