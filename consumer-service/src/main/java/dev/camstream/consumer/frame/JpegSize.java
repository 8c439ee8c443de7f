package dev.camstream.consumer.frame;

/**
 * Reads a JPEG's pixel size from its start-of-frame marker without decoding it, so a record that lies about
 * its size, or that would decode into a huge image, is rejected before any pixel memory is allocated.
 */
public final class JpegSize {

    private JpegSize() {
    }

    public static boolean hasJpegMagic(byte[] data) {
        return data != null && data.length >= 4 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8
                && (data[2] & 0xFF) == 0xFF;
    }

    /** {@code {width, height}} from the first SOF marker, or null if none is found before the image data. */
    public static int[] read(byte[] data) {
        int i = 2;
        while (i + 4 <= data.length) {
            if ((data[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = data[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                return null;
            }
            int length = ((data[i + 2] & 0xFF) << 8) | (data[i + 3] & 0xFF);
            // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry: precision, height, width.
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                if (i + 9 > data.length) {
                    return null;
                }
                int height = ((data[i + 5] & 0xFF) << 8) | (data[i + 6] & 0xFF);
                int width = ((data[i + 7] & 0xFF) << 8) | (data[i + 8] & 0xFF);
                return new int[] { width, height };
            }
            if (length < 2) {
                return null;
            }
            i += 2 + length;
        }
        return null;
    }
}
