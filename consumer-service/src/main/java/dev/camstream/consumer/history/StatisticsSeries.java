package dev.camstream.consumer.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.camstream.consumer.stats.FrameStatistics;

/**
 * The answer of {@code /stats/range}: every frame's statistics, or with a {@code step} one point per step
 * that averages the frames in it (and keeps their highest motion). Points are counted as they come, so that
 * a range too dense to answer whole is refused rather than held.
 */
public record StatisticsSeries(String camera, Instant from, Instant to, Long stepMs, List<Point> points) {

    public static final String CSV_HEADER = "time,seq,frames,luma,motion,motion_max,r,g,b\n";

    /**
     * One point: a frame ({@code seq} set, {@code frames} 1) or the frames of a step that starts at {@code time};
     * luma, motion and the channel means (0–255) averaged over them.
     */
    public record Point(Instant time, Long seq, int frames, double luma, double motion, double motionMax, double r,
            double g, double b) {

        String csv() {
            return time + "," + (seq == null ? "" : seq) + "," + frames + "," + number(luma) + "," + number(motion) + ","
                    + number(motionMax) + "," + number(r) + "," + number(g) + "," + number(b) + "\n";
        }

        private static String number(double value) {
            return String.format(Locale.ROOT, "%.3f", value);
        }
    }

    public String csv() {
        StringBuilder csv = new StringBuilder(CSV_HEADER.length() + points.size() * 80).append(CSV_HEADER);
        points.forEach(point -> csv.append(point.csv()));
        return csv.toString();
    }

    /** Collects a series from statistics handed in capture order. */
    public static final class Builder {
        private final String camera;
        private final Instant from;
        private final Instant to;
        private final Duration step;
        private final int mostPoints;
        private final List<Point> points = new ArrayList<>();
        private long stepIndex = -1;
        private int frames;
        private double luma;
        private double motion;
        private double motionMax;
        private double r;
        private double g;
        private double b;

        /** {@code step} null for every frame; more than {@code mostPoints} points are refused. */
        public Builder(String camera, Instant from, Instant to, Duration step, int mostPoints) {
            this.camera = camera;
            this.from = from;
            this.to = to;
            this.step = step;
            this.mostPoints = mostPoints;
        }

        public boolean add(FrameStatistics s) {
            if (step == null) {
                points.add(new Point(s.capturedAt(), s.seq(), 1, s.luma(), s.motion(), s.motion(), s.mean().r(),
                        s.mean().g(), s.mean().b()));
                return checkSize();
            }
            long index = Duration.between(from, s.capturedAt()).toNanos() / step.toNanos();
            if (index != stepIndex) {
                flush();
                stepIndex = index;
            }
            frames++;
            luma += s.luma();
            motion += s.motion();
            motionMax = Math.max(motionMax, s.motion());
            r += s.mean().r();
            g += s.mean().g();
            b += s.mean().b();
            return checkSize();
        }

        public StatisticsSeries build() {
            flush();
            return new StatisticsSeries(camera, from, to, step == null ? null : step.toMillis(), List.copyOf(points));
        }

        private void flush() {
            if (frames > 0) {
                points.add(new Point(from.plus(step.multipliedBy(stepIndex)), null, frames, luma / frames, motion / frames,
                        motionMax, r / frames, g / frames, b / frames));
            }
            frames = 0;
            luma = motion = motionMax = r = g = b = 0;
        }

        private boolean checkSize() {
            if (points.size() >= mostPoints) {
                throw new TooManyPointsException("the range has more than " + mostPoints
                        + (step == null ? " frames: give a step, or a shorter range" : " steps: give a longer step"));
            }
            return true;
        }
    }
}
