package io.edgegateway.drivers.sim;

import java.util.random.RandomGenerator;

/**
 * Plausible indoor-outdoor weather for simulated sensors: temperature follows a daily sine (coolest around
 * 03:00, warmest around 15:00 UTC), pressure drifts over a five-day cycle, relative humidity falls as it gets
 * warmer, and each reading gets Gaussian noise. Deterministic for a given random seed.
 */
public final class DailyWeather {
    private static final double DAY_MS = 86_400_000.0;

    private final double meanC;
    private final double swingC;
    private final RandomGenerator random;

    public DailyWeather(double meanC, double swingC, RandomGenerator random) {
        this.meanC = meanC;
        this.swingC = swingC;
        this.random = random;
    }

    public double temperatureC(long wallMillis) {
        double dayFraction = (wallMillis % (long) DAY_MS) / DAY_MS;
        return meanC + swingC * Math.sin(2 * Math.PI * (dayFraction - 0.375)) + 0.05 * random.nextGaussian();
    }

    public double pressurePa(long wallMillis) {
        return 101_325 + 800 * Math.sin(2 * Math.PI * wallMillis / (5 * DAY_MS)) + 3 * random.nextGaussian();
    }

    public double humidityPct(double temperatureC) {
        double h = 55 - 2.5 * (temperatureC - meanC) + 0.5 * random.nextGaussian();
        return Math.max(5, Math.min(95, h));
    }
}
