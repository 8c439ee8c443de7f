package dev.camstream.consumer.memory;

/** No room in {@code camstream.image-memory} to annotate a frame in time: the viewer may try again. */
public class ImageMemoryBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ImageMemoryBusyException() {
        super("image memory busy: too many large frames are being decoded at once; try again", null, false, false);
    }
}
