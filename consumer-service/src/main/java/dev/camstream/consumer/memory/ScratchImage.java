package dev.camstream.consumer.memory;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The image every frame is decoded into, and its grey version, reused while the frame size stays the same,
 * so that a steady stream allocates no pixels. Their bytes are held from the {@link ImageBudget} for as long
 * as they exist.
 */
public final class ScratchImage implements AutoCloseable {

    // Three bytes of BGR and one of grey.
    private static final int BYTES_PER_PIXEL = 4;

    private final ImageBudget budget;
    private final Mat image = new Mat();
    private final Mat grey = new Mat();
    private ImageBudget.Reservation reservation;
    private int width;
    private int height;

    public ScratchImage(ImageBudget budget) {
        this.budget = budget;
    }

    /** Reserves room for frames of {@code width} × {@code height} pixels, in colour and in grey. */
    public void size(int width, int height) {
        if (reservation == null || width != this.width || height != this.height) {
            releasePixels();
            try {
                reservation = budget.reserve((long) width * height * BYTES_PER_PIXEL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for image memory", e);
            }
            this.width = width;
            this.height = height;
        }
    }

    /** Where the frame is decoded, as 8-bit BGR. */
    public Mat image() {
        return image;
    }

    public Mat grey() {
        return grey;
    }

    @Override
    public void close() {
        releasePixels();
        image.close();
        grey.close();
    }

    /** Frees the pixels and gives their bytes back to the budget. */
    private void releasePixels() {
        image.release();
        grey.release();
        if (reservation != null) {
            reservation.close();
            reservation = null;
        }
    }
}
