package dev.camstream.producer.frame;

/**
 * What becomes of a frame once handed on: the Kafka side reports here, and only here, so it needs to know
 * nothing of the camera that made the frame.
 */
public interface DeliveryReport {

    /** The broker confirmed the frame, of this many bytes. */
    void sent(int bytes);

    /** The frame is larger than the producer or broker accept; true the first time, so it is logged once. */
    boolean droppedTooLarge();

    /** The broker did not take the frame; the reason may hold a URL and is masked by the receiver. */
    void sendFailed(String reason);
}
