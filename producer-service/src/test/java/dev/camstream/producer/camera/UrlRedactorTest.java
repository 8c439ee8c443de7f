package dev.camstream.producer.camera;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlRedactorTest {

    @Test
    void masksPasswordOfUserInfo() {
        assertThat(UrlRedactor.redact("rtsp://admin:s3cret@10.0.0.5:554/stream1"))
                .isEqualTo("rtsp://admin:***@10.0.0.5:554/stream1");
    }

    @Test
    void masksPercentEncodedPassword() {
        assertThat(UrlRedactor.redact("rtsps://user:p%40ss%3Aw0rd@cam.local/live"))
                .isEqualTo("rtsps://user:***@cam.local/live");
    }

    @Test
    void masksPasswordWithUnencodedAtSign() {
        assertThat(UrlRedactor.redact("rtsp://admin:p@ss@cam/x")).isEqualTo("rtsp://admin:***@cam/x");
    }

    @Test
    void masksCredentialQueryParameters() {
        assertThat(UrlRedactor.redact("rtsp://cam/live?channel=1&password=hunter2&Token=abc&user=bob"))
                .isEqualTo("rtsp://cam/live?channel=1&password=***&Token=***&user=bob");
    }

    @Test
    void masksUrlInsideAnErrorMessage() {
        String ffmpeg = "avformat_open_input() error -111: Could not open input \"rtsp://root:toor@127.0.0.1:1/x\". "
                + "(Has setFormat() been called?)";
        assertThat(UrlRedactor.redact(ffmpeg))
                .doesNotContain("toor")
                .contains("rtsp://root:***@127.0.0.1:1/x");
    }

    @Test
    void leavesUrlsWithoutSecretsAlone() {
        assertThat(UrlRedactor.redact("rtsp://viewer@cam:554/a?channel=2")).isEqualTo("rtsp://viewer@cam:554/a?channel=2");
        assertThat(UrlRedactor.redact("stream ended")).isEqualTo("stream ended");
        assertThat(UrlRedactor.redact(null)).isNull();
    }

    @Test
    void sourceMasksDecodedFormOfItsPasswordToo() {
        CameraSource source = CameraSource.parse("rtsp://user:p%40ss@cam/live");
        assertThat(source.mask("401 for user with password p@ss")).isEqualTo("401 for user with password ***");
        assertThat(source.redacted()).isEqualTo("rtsp://user:***@cam/live");
        assertThat(source.toString()).doesNotContain("p%40ss");
    }
}
