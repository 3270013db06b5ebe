package dev.privacy.benchmarks;

import java.util.Arrays;

/** Latencies of one measured load phase, and its rate. */
record LoadResult(String name, long requests, long errors, double seconds, long[] latenciesMicros) {

    double rate() {
        return requests / seconds;
    }

    double percentileMillis(double p) {
        if (latenciesMicros.length == 0) {
            return Double.NaN;
        }
        long[] sorted = latenciesMicros.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    String line() {
        return String.format("%-44s %,9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  (%,d requests, %d errors)",
                name, rate(), percentileMillis(50), percentileMillis(99), requests, errors);
    }
}
