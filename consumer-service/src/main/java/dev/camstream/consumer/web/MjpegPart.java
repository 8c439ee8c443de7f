package dev.camstream.consumer.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** One JPEG of a {@code multipart/x-mixed-replace} stream, with the frame's identity in its part headers. */
final class MjpegPart {

    static final String BOUNDARY = "camstream-frame";
    static final String MJPEG = "multipart/x-mixed-replace;boundary=" + BOUNDARY;

    private MjpegPart() {
    }

    static byte[] of(String camera, long seq, Instant capturedAt, byte[] jpeg) {
        byte[] header = ("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                + "\r\nX-Camera-Id: " + camera + "\r\nX-Frame-Seq: " + seq + "\r\nX-Capture-Time: " + capturedAt
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] part = new byte[header.length + jpeg.length + 2];
        System.arraycopy(header, 0, part, 0, header.length);
        System.arraycopy(jpeg, 0, part, header.length, jpeg.length);
        part[part.length - 2] = '\r';
        part[part.length - 1] = '\n';
        return part;
    }
}
