package dev.camstream.bench;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.setNumThreads;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNet;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.bytedeco.opencv.opencv_objdetect.HOGDescriptor;

/**
 * The floor of detection: the bare OpenCV calls of each detector over frames of a video scaled to a camera
 * size, on one thread (OpenCV's own pool off, as in consumer-service), each picture prepared as consumer-service prepares a whole frame for that detector
 * (people: fitted within 640x480 for HOG with camstream's parameters; a model: its blob at its input size).
 * Prints one line per repeat: {@code detector,size,ms-per-picture}.
 *
 * <pre>DetectorFloor VIDEO WxH PICTURES REPEATS [MODEL.tflite]</pre>
 */
public final class DetectorFloor {

    private DetectorFloor() {
    }

    public static void main(String[] args) throws Exception {
        String[] size = args[1].split("x");
        int width = Integer.parseInt(size[0]);
        int height = Integer.parseInt(size[1]);
        int pictures = Integer.parseInt(args[2]);
        int repeats = Integer.parseInt(args[3]);
        setNumThreads(0); // one thread, as consumer-service runs OpenCV
        List<Mat> frames = frames(args[0], width, height, pictures);
        HOGDescriptor hog = new HOGDescriptor();
        hog.setSVMDetector(new Mat(HOGDescriptor.getDefaultPeopleDetector()));
        List<Mat> fitted = new ArrayList<>();
        double scale = Math.min(2, Math.min(640.0 / width, 480.0 / height));
        for (Mat frame : frames) {
            Mat picture = new Mat();
            resize(frame, picture, new Size((int) Math.round(width * scale), (int) Math.round(height * scale)), 0, 0,
                    scale < 1 ? INTER_AREA : INTER_LINEAR);
            fitted.add(picture);
        }
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            for (Mat picture : fitted) {
                try (RectVector found = new RectVector(); DoublePointer weights = new DoublePointer()) {
                    hog.detectMultiScale(picture, found, weights, 0, new Size(8, 8), new Size(0, 0), 1.05, 2, false);
                }
            }
            System.out.printf("people,%s,%.3f%n", args[1], (System.nanoTime() - start) / 1e6 / fitted.size());
        }
        if (args.length > 4) {
            Net net = readNet(args[4]);
            MatVector outputs = new MatVector();
            Size input = new Size(128, 128);
            Scalar mean = new Scalar(127.5, 127.5, 127.5, 0);
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                for (Mat frame : frames) {
                    try (Mat blob = blobFromImage(frame, 1 / 127.5, input, mean, true, false, CV_32F)) {
                        net.setInput(blob);
                        net.forward(outputs, net.getUnconnectedOutLayersNames());
                    }
                }
                System.out.printf("face,%s,%.3f%n", args[1], (System.nanoTime() - start) / 1e6 / frames.size());
            }
        }
    }

    private static List<Mat> frames(String video, int width, int height, int count) throws Exception {
        List<Mat> frames = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video);
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            while (frames.size() < count) {
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    grabber.setFrameNumber(0); // shorter than asked: round again
                    continue;
                }
                Mat scaled = new Mat();
                resize(converter.convert(frame), scaled, new Size(width, height));
                frames.add(scaled);
            }
            grabber.stop();
        }
        return frames;
    }
}
