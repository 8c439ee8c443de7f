package dev.camstream.producer.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 GET written as given, byte for byte, on a socket: for request targets that HTTP clients refuse to
 * send (malformed percent-encoding), which a service must still answer.
 */
record RawRequest(int status, String contentType, String body) {

    static RawRequest get(int port, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = answer.indexOf("\r\n\r\n");
            String head = headersEnd < 0 ? answer : answer.substring(0, headersEnd);
            String body = headersEnd < 0 ? "" : answer.substring(headersEnd + 4);
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            String contentType = null;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).trim();
                }
            }
            return new RawRequest(status, contentType, body);
        }
    }
}
