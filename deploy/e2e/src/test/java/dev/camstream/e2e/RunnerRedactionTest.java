package dev.camstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.camstream.producer.camera.UrlRedactor;

/**
 * The local runner masks camera secrets in what it prints (its own errors, the services' last log lines) by the
 * services' own rule: its {@code redact} gives what producer-service's {@link UrlRedactor} gives, on the cases
 * UrlRedactorTest holds and on the credential parameters the runner once missed.
 */
class RunnerRedactionTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "rtsp://admin:s3cret@10.0.0.5:554/stream1",
        "rtsps://user:p%40ss%3Aw0rd@cam.local/live",
        "rtsp://admin:p@ss@cam/x",
        "rtsp://cam/live?channel=1&password=hunter2&Token=abc&user=bob",
        "avformat_open_input() error -111: Could not open input \"rtsp://root:toor@127.0.0.1:1/x\". (Has setFormat() been called?)",
        "rtsp://viewer@cam:554/a?channel=2",
        "stream ended",
        "door=rtsp://cam/live?auth=abc123&api_key=k-1;signature=deadbeef&apikey=x&access_token=t",
        "two: rtsp://a:one@cam1/ and http://b:two@cam2:8080/x?secret=s&PWD=p#frag",
        "gate=rtsp://user:pa:ss@cam/x?key='q' and 'rtsp://u:v@w'" })
    void runnerMasksWhatTheServicesMask(String text) throws Exception {
        assertThat(runnerRedact(text)).isEqualTo(UrlRedactor.redact(text));
    }

    /** What run.sh's own {@code redact} function makes of one line. */
    private static String runnerRedact(String text) throws IOException, InterruptedException {
        List<String> script = Files.readAllLines(Project.path("deploy/local/run.sh"));
        String function = script.stream().filter(line -> line.startsWith("redact()")).findFirst().orElseThrow();
        Process bash = new ProcessBuilder("bash", "-c", function + "\nredact").redirectErrorStream(true).start();
        bash.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
        bash.getOutputStream().close();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }
}
