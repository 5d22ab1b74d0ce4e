package org.ward.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one load run measured: throughput over the measurement window (warm-up excluded), ACK latency
 * percentiles in microseconds (HdrHistogram, 3 significant digits), and errors by kind.
 */
public record BenchResult(int connections, double offeredRate, Duration measured, long acknowledged, Histogram latency,
                   Map<String, Long> errors) {

    double messagesPerSecond() {
        return acknowledged * 1e9 / Math.max(1, measured.toNanos());
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    double millis(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1000.0;
    }

    String text(String label) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%s: %d connections, %s, %d s measured%n", label, connections,
                offeredRate > 0 ? String.format("open loop at %.0f msg/s offered", offeredRate) : "closed loop",
                measured.toSeconds()));
        b.append(String.format("  throughput  %.0f msg/s (%d acknowledged)%n", messagesPerSecond(), acknowledged));
        b.append(String.format("  ACK latency p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms%n",
                millis(50), millis(95), millis(99), millis(99.9), latency.getMaxValue() / 1000.0));
        b.append("  errors      ").append(errors.isEmpty() ? "none" : errors.toString()).append(System.lineSeparator());
        return b.toString();
    }

    void json(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeNumberField("connections", connections);
        out.writeNumberField("offeredRate", offeredRate);
        out.writeNumberField("measuredSeconds", measured.toMillis() / 1000.0);
        out.writeNumberField("acknowledged", acknowledged);
        out.writeNumberField("messagesPerSecond", Math.round(messagesPerSecond() * 10) / 10.0);
        out.writeObjectFieldStart("latencyMillis");
        out.writeNumberField("p50", millis(50));
        out.writeNumberField("p95", millis(95));
        out.writeNumberField("p99", millis(99));
        out.writeNumberField("p99.9", millis(99.9));
        out.writeNumberField("max", latency.getMaxValue() / 1000.0);
        out.writeEndObject();
        out.writeObjectFieldStart("errors");
        for (Map.Entry<String, Long> error : errors.entrySet()) {
            out.writeNumberField(error.getKey(), error.getValue());
        }
        out.writeEndObject();
        out.writeEndObject();
    }
}
