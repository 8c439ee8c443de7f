package dev.camstream.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Where the project is, free ports, and what a test does when a tool it needs is missing. */
final class Project {

    static final Path ROOT = root();
    static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    private Project() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips loudly on a developer's machine, fails under CI, where .ci/run installs everything. */
    static void require(boolean present, String what) {
        if (present) {
            return;
        }
        String message = what + " is missing; install it (see .ci/run) to run this test";
        if (CI) {
            throw new IllegalStateException(message);
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }

    private static Path root() {
        String configured = System.getenv("CAMSTREAM_ROOT");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/local/run.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("project root not found from " + start);
    }
}
