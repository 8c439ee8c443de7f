package dev.camstream.consumer.detect;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Where an object is: a rectangle in pixels of the picture, {@code (x1, y1)} its top left, {@code (x2, y2)}
 * its bottom right; in JSON {@code [x1, y1, x2, y2]}.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"x1", "y1", "x2", "y2"})
public record Box(int x1, int y1, int x2, int y2) {

    public int width() {
        return x2 - x1;
    }

    public int height() {
        return y2 - y1;
    }

    /** Where the object stands: the middle of the box's bottom edge, the point zones and masks are tested with. */
    public double footX() {
        return (x1 + x2) / 2.0;
    }

    public double footY() {
        return y2;
    }

    /** The box scaled by {@code scale}, then moved by {@code (dx, dy)}: from a part of a picture back to all of it. */
    public Box placed(double scale, int dx, int dy) {
        return new Box(dx + (int) Math.round(x1 * scale), dy + (int) Math.round(y1 * scale),
                dx + (int) Math.round(x2 * scale), dy + (int) Math.round(y2 * scale));
    }

    /** The same box kept within a picture of {@code width} × {@code height}. */
    public Box within(int width, int height) {
        return new Box(clamp(x1, width), clamp(y1, height), clamp(x2, width), clamp(y2, height));
    }

    /** Intersection over union with another box, 0 to 1. */
    public double overlap(Box other) {
        long w = Math.max(0, Math.min(x2, other.x2) - Math.max(x1, other.x1));
        long h = Math.max(0, Math.min(y2, other.y2) - Math.max(y1, other.y1));
        long shared = w * h;
        long union = (long) width() * height() + (long) other.width() * other.height() - shared;
        return union <= 0 ? 0 : (double) shared / union;
    }

    private static int clamp(int value, int most) {
        return Math.max(0, Math.min(most, value));
    }
}
