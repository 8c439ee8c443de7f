package dev.camstream.consumer.detect;

/** One object a detector found: its label (a lower-case word such as {@code person}), its score 0..1, its box. */
public record Detection(String label, double score, Box box) {
}
