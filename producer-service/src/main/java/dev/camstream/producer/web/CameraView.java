package dev.camstream.producer.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.camstream.producer.status.CameraSnapshot;

/** One camera as {@code GET /cameras} shows it: its state and counters, and the instance that grabs it. */
public record CameraView(@JsonUnwrapped CameraSnapshot camera, String instance) {
}
