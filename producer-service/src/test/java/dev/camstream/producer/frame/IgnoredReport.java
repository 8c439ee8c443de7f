package dev.camstream.producer.frame;

/** For tests of frames whose delivery nobody follows. */
public final class IgnoredReport implements DeliveryReport {

    public static final DeliveryReport INSTANCE = new IgnoredReport();

    private IgnoredReport() {
    }

    @Override
    public void sent(int bytes) {
    }

    @Override
    public boolean droppedTooLarge() {
        return false;
    }

    @Override
    public void sendFailed(String reason) {
    }
}
