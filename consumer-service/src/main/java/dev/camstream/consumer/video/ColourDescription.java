package dev.camstream.consumer.video;

/**
 * How a camera's YUV pictures are to be read: the matrix ({@code bt601}, {@code bt709}, {@code bt2020}, ...;
 * {@code rgb} for sources drawn in RGB) and the range ({@code tv}: 16-235, {@code pc}: 0-255), each with
 * whether the stream said so or the player's rule filled it in. Shown per camera in {@code GET /cameras}.
 */
public record ColourDescription(String matrix, boolean matrixSignalled, String range, boolean rangeSignalled) {

    /** For pictures drawn in RGB: nothing to convert, nothing to guess. */
    public static final ColourDescription RGB = new ColourDescription("rgb", true, "pc", true);
}
