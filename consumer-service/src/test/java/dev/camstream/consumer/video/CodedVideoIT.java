package dev.camstream.consumer.video;

import static dev.camstream.consumer.TestFrames.nowMicros;
import static dev.camstream.consumer.TestFrames.solidJpeg;
import static dev.camstream.consumer.TestFrames.v1Headers;
import static dev.camstream.consumer.TestFrames.v2Headers;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.camstream.consumer.TestVideo;
import dev.camstream.consumer.TestVideo.Unit;
import dev.camstream.consumer.kafka.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Cameras in passthrough (wire format v2), on a real broker: real H.264 from FFmpeg's encoder, decoded once per
 * camera into statistics of its colour, joined mid-group from the last keyframe, and recovering from what a
 * network or a camera can do to a stream.
 */
@QuarkusTest
@TestProfile(CodedVideoProfile.class)
@WithTestResource(KafkaBrokerResource.class)
class CodedVideoIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void disconnect() {
        producer.close();
    }

    @Test
    void aCameraInPassthroughIsDecodedIntoStatisticsOfItsColourAndServedAsAJpeg() throws Exception {
        try (TestVideo video = new TestVideo(320, 240, 10)) {
            send("greenvideo", 1, video.encode(40, 200, 60, 12), 320, 240, nowMicros());
        }
        awaitStatistics("greenvideo", 12);
        JsonPath stats = given().get("/stats/latest?camera=greenvideo").jsonPath();
        assertThat(stats.getDouble("mean.r")).isCloseTo(40, within(6.0));
        assertThat(stats.getDouble("mean.g")).isCloseTo(200, within(6.0));
        assertThat(stats.getDouble("mean.b")).isCloseTo(60, within(6.0));
        assertThat(stats.getInt("width")).isEqualTo(320);
        assertThat(camera("greenvideo").getLong("rejected")).isZero();

        byte[] jpeg = given().get("/frames/latest?camera=greenvideo").then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
        try (Mat image = imdecode(new Mat(jpeg), IMREAD_COLOR)) {
            assertThat(image.cols()).isEqualTo(320);
            assertThat(image.rows()).isEqualTo(240);
        }
    }

    @Test
    void aCameraJoinedMidGroupIsDecodedFromItsLastKeyframeWithoutWaitingForTheNext() throws Exception {
        try (TestVideo video = new TestVideo(160, 120, 100)) {
            List<Unit> units = video.encode(200, 60, 40, 14);
            // The keyframe and the units after it are too old to process (latest-wins skips them, undecoded);
            // the camera's first live unit is a delta of the same group.
            send("joiner", 1, units.subList(0, 10), 160, 120, nowMicros() - 60_000_000);
            send("joiner", 11, units.subList(10, 14), 160, 120, nowMicros());
        }
        awaitStatistics("joiner", 14);
        JsonPath joiner = camera("joiner");
        assertThat(joiner.getLong("frames")).as("every live unit, the first included").isEqualTo(4);
        assertThat(joiner.getLong("rejected")).isZero();
        assertThat(given().get("/stats/latest?camera=joiner").jsonPath().getDouble("mean.r")).isCloseTo(200, within(6.0));
    }

    @Test
    void aCorruptUnitIsCountedAndTheCameraRecoversAtTheNextKeyframe() throws Exception {
        try (TestVideo video = new TestVideo(160, 120, 5)) {
            List<Unit> units = new ArrayList<>(video.encode(60, 60, 200, 10));
            // A slice of garbage: the rest of its group cannot be trusted.
            units.set(2, new Unit(VideoDecoderTest.garbageSlice(), false));
            send("broken", 1, units, 160, 120, nowMicros());
        }
        awaitStatistics("broken", 10);
        JsonPath broken = camera("broken");
        assertThat(broken.getLong("rejected")).as("the cut unit and those after it in its group").isEqualTo(3);
        assertThat(broken.getLong("frames")).isEqualTo(7);
        assertThat(readiness().getLong("checks.find { it.name == 'frames' }.data.rejected-undecodable")).isPositive();
    }

    @Test
    void unitsWithoutAKeyframeAreCountedUntilTheFirstKeyframeStartsTheCamera() throws Exception {
        long before = missingKeyframes();
        try (TestVideo video = new TestVideo(160, 120, 5)) {
            List<Unit> units = video.encode(120, 120, 120, 10);
            // A camera whose first keyframe never reached the topic.
            send("keyless", 1, units.subList(1, 5), 160, 120, nowMicros());
            send("keyless", 5, units.subList(5, 10), 160, 120, nowMicros());
        }
        awaitStatistics("keyless", 9);
        // Counted by reason only: a camera takes a slot (and counters of its own) with its first decoded frame.
        assertThat(missingKeyframes() - before).isEqualTo(4);
        assertThat(camera("keyless").getLong("frames")).isEqualTo(5);
    }

    @Test
    void unitsThatDecodeLargerThanThePixelLimitAreRejectedWhateverTheirHeadersSay() throws Exception {
        long before = rejected("too-large");
        try (TestVideo small = new TestVideo(160, 120, 5); TestVideo large = new TestVideo(640, 480, 5)) {
            send("liar", 1, small.encode(90, 90, 90, 5), 160, 120, nowMicros());
            // 640x480, stated as 160x120.
            send("liar", 6, large.encode(90, 90, 90, 5), 160, 120, nowMicros());
            send("liar", 11, small.encode(90, 90, 90, 5), 160, 120, nowMicros());
        }
        awaitStatistics("liar", 15);
        assertThat(rejected("too-large") - before).isEqualTo(5);
        assertThat(camera("liar").getLong("frames")).isEqualTo(10);
    }

    @Test
    void aResolutionChangeMidStreamIsFollowedFromItsKeyframe() throws Exception {
        try (TestVideo small = new TestVideo(160, 120, 5); TestVideo large = new TestVideo(320, 240, 5)) {
            send("resizing", 1, small.encode(200, 200, 40, 5), 160, 120, nowMicros());
            send("resizing", 6, large.encode(200, 200, 40, 5), 320, 240, nowMicros());
        }
        awaitStatistics("resizing", 10);
        assertThat(given().get("/stats/latest?camera=resizing").jsonPath().getInt("width")).isEqualTo(320);
        JsonPath resizing = camera("resizing");
        assertThat(resizing.getLong("frames")).isEqualTo(10);
        assertThat(resizing.getLong("rejected")).isZero();
    }

    @Test
    void aCameraSwitchedFromJpegToPassthroughKeepsItsStatisticsAndParameterSetsInTheHeaderSuffice() throws Exception {
        for (long seq = 1; seq <= 3; seq++) {
            producer.send(new ProducerRecord<>(CodedVideoProfile.TOPIC, 0, "switcher", solidJpeg(160, 120, 30, 30, 220),
                    v1Headers("switcher", seq, nowMicros(), 160, 120))).get();
        }
        try (TestVideo video = new TestVideo(160, 120, 10)) {
            List<Unit> units = new ArrayList<>(video.encode(30, 30, 220, 5));
            // A camera that sends its parameter sets out of band (in the SDP): only the header has them.
            byte[] keyframe = units.get(0).data();
            int slice = sliceStart(keyframe);
            units.set(0, new Unit(Arrays.copyOfRange(keyframe, slice, keyframe.length), true));
            sendUnits("switcher", 4, units, 160, 120, nowMicros(), Arrays.copyOf(keyframe, slice));
        }
        awaitStatistics("switcher", 8);
        assertThat(camera("switcher").getLong("frames")).isEqualTo(8);
        assertThat(camera("switcher").getLong("rejected")).isZero();
        assertThat(given().get("/stats/latest?camera=switcher").jsonPath().getDouble("mean.b")).isCloseTo(220, within(6.0));
    }

    @Test
    void thePastOfAPassthroughCameraIsDecodedFromItsKeyframeAndItsClipsAreRemuxedNotEncoded() throws Exception {
        List<Unit> units;
        // Older than max-lag, so not processed live; recent enough to be appended as cameras append.
        long firstMicros = nowMicros() - 8_000_000;
        try (TestVideo video = new TestVideo(320, 240, 10)) {
            units = video.encode(220, 40, 180, 25);
            // 24 units of the past, then one live so that the camera is known here.
            send("pastvideo", 1, units.subList(0, 24), 320, 240, firstMicros);
            send("pastvideo", 25, units.subList(24, 25), 320, 240, nowMicros());
        }
        awaitStatistics("pastvideo", 25);

        // Unit 15 is a delta: decoded from the keyframe at unit 11.
        Response raw = given().get("/frames/at?annotate=false&camera=pastvideo&time=" + iso(firstMicros + 14 * 40_000L));
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.header("X-Frame-Seq")).isEqualTo("15");
        try (Mat image = imdecode(new Mat(raw.asByteArray()), IMREAD_COLOR)) {
            assertThat(image.cols()).isEqualTo(320);
            assertThat(org.bytedeco.opencv.global.opencv_core.mean(image).get(2)).isCloseTo(220, within(8.0));
        }
        given().get("/frames/at?camera=pastvideo&time=" + iso(firstMicros + 14 * 40_000L)).then().statusCode(200)
                .contentType("image/jpeg");
        // One frame after another, as a viewer asks: the decoder goes forward; then back again, from a keyframe.
        for (int seq : new int[] { 16, 17, 18, 19, 20, 21, 22, 12 }) {
            Response frame = given().get("/frames/at?annotate=false&camera=pastvideo&time="
                    + iso(firstMicros + (seq - 1) * 40_000L));
            assertThat(frame.header("X-Frame-Seq")).isEqualTo(Integer.toString(seq));
            try (Mat image = imdecode(new Mat(frame.asByteArray()), IMREAD_COLOR)) {
                assertThat(org.bytedeco.opencv.global.opencv_core.mean(image).get(0)).as("blue of #%d", seq)
                        .isCloseTo(180, within(8.0));
            }
        }

        // From unit 13 to 24: the clip starts at the keyframe before, unit 11, and holds the camera's own units.
        Response clip = given().get("/clips?camera=pastvideo&from=" + iso(firstMicros + 12 * 40_000L) + "&to="
                + iso(firstMicros + 23 * 40_000L));
        assertThat(clip.statusCode()).isEqualTo(200);
        Path file = Files.createTempFile("remuxed", ".mp4");
        try {
            Files.write(file, clip.asByteArray());
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
                grabber.start();
                assertThat(grabber.getVideoCodecName()).containsIgnoringCase("h264");
                assertThat(grabber.getImageWidth()).isEqualTo(320);
                int unit = 10;
                for (AVPacket packet = grabber.grabPacket(); packet != null; packet = grabber.grabPacket(), unit++) {
                    // The same NAL units, length-prefixed in MP4 where Annex B has start codes.
                    byte[] stored = new byte[packet.size()];
                    packet.data().get(stored);
                    assertThat(lengthPrefixedNals(stored)).as("unit %d", unit + 1)
                            .isEqualTo(annexBNals(units.get(unit).data()));
                    av_packet_unref(packet);
                }
                assertThat(unit).as("units 11 to 24").isEqualTo(24);
            }
        } finally {
            Files.deleteIfExists(file);
        }

        byte[] playback = given().get("/frames/range?speed=max&camera=pastvideo&from=" + iso(firstMicros + 12 * 40_000L)
                + "&to=" + iso(firstMicros + 23 * 40_000L)).then().statusCode(200).extract().asByteArray();
        assertThat(new String(playback, StandardCharsets.ISO_8859_1).split("Content-Type: image/jpeg", -1))
                .as("a JPEG part for each of units 13 to 24").hasSize(13);
    }

    /** The NAL units of an Annex B unit, each as text of its bytes. */
    private static List<String> annexBNals(byte[] data) {
        List<String> nals = new ArrayList<>();
        int start = -1;
        for (int i = 0; i + 2 < data.length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                if (start >= 0) {
                    int end = i;
                    while (end > start && data[end - 1] == 0) {
                        end--;
                    }
                    nals.add(Arrays.toString(Arrays.copyOfRange(data, start, end)));
                }
                start = i + 3;
                i += 2;
            }
        }
        nals.add(Arrays.toString(Arrays.copyOfRange(data, start, data.length)));
        return nals;
    }

    /** The NAL units of an MP4 sample, each after its 4-byte length. */
    private static List<String> lengthPrefixedNals(byte[] data) {
        List<String> nals = new ArrayList<>();
        for (int at = 0; at + 4 <= data.length;) {
            int length = ((data[at] & 0xff) << 24) | ((data[at + 1] & 0xff) << 16) | ((data[at + 2] & 0xff) << 8)
                    | (data[at + 3] & 0xff);
            nals.add(Arrays.toString(Arrays.copyOfRange(data, at + 4, at + 4 + length)));
            at += 4 + length;
        }
        return nals;
    }

    private static String iso(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString();
    }

    private void send(String camera, long firstSeq, List<Unit> units, int width, int height, long firstCaptureMicros)
            throws Exception {
        sendUnits(camera, firstSeq, units, width, height, firstCaptureMicros, null);
    }

    private void sendUnits(String camera, long firstSeq, List<Unit> units, int width, int height,
            long firstCaptureMicros, byte[] parameterSets) throws Exception {
        for (int i = 0; i < units.size(); i++) {
            Unit unit = units.get(i);
            long captureMicros = firstCaptureMicros + i * 40_000L;
            RecordHeaders headers = v2Headers(camera, firstSeq + i, captureMicros, width, height, unit.keyframe(),
                    unit.keyframe() ? parameterSets : null);
            producer.send(new ProducerRecord<>(CodedVideoProfile.TOPIC, 0, captureMicros / 1000, camera, unit.data(),
                    headers)).get();
        }
    }

    /** Where the first slice NAL unit (types 1 and 5) of an Annex B unit starts, at its start code. */
    private static int sliceStart(byte[] unit) {
        for (int i = 0; i + 3 < unit.length; i++) {
            if (unit[i] == 0 && unit[i + 1] == 0 && unit[i + 2] == 1) {
                int type = unit[i + 3] & 0x1f;
                if (type == 1 || type == 5) {
                    return i > 0 && unit[i - 1] == 0 ? i - 1 : i;
                }
            }
        }
        throw new AssertionError("no slice in the unit");
    }

    private static void awaitStatistics(String camera, long seq) {
        await().atMost(WAIT).until(() -> given().get("/stats/latest?camera=" + camera).statusCode() == 200
                && given().get("/stats/latest?camera=" + camera).jsonPath().getLong("seq") == seq);
    }

    private static JsonPath camera(String id) {
        return new JsonPath(given().get("/cameras").asString()).setRootPath("find { it.id == '" + id + "' }");
    }

    private static long missingKeyframes() {
        return rejected("missing-keyframe");
    }

    private static long rejected(String reason) {
        Object count = readiness().get("checks.find { it.name == 'frames' }.data.rejected-" + reason);
        return count == null ? 0 : ((Number) count).longValue();
    }

    private static JsonPath readiness() {
        return new JsonPath(given().get("/q/health/ready").asString());
    }
}
