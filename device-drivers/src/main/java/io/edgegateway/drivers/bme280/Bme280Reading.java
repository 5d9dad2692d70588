package io.edgegateway.drivers.bme280;

/** One compensated measurement; humidity is null when its oversampling is "skip". */
public record Bme280Reading(double temperatureC, double pressurePa, Double humidityPct) {
}
