package dev.camstream.consumer.analysis;

/** A rectangle of the picture in fractions 0..1 of its width and height. */
record Region(double x1, double y1, double x2, double y2) {

    static final Region WHOLE = new Region(0, 0, 1, 1);

    /** This region grown by {@code margin} of its size on every side, within the picture. */
    Region grown(double margin) {
        double dx = (x2 - x1) * margin;
        double dy = (y2 - y1) * margin;
        return new Region(Math.max(0, x1 - dx), Math.max(0, y1 - dy), Math.min(1, x2 + dx), Math.min(1, y2 + dy));
    }
}
