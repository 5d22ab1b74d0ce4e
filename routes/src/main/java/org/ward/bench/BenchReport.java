package org.ward.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Optional;

/** The target's result, and the baseline's when it was measured, with the ratio between them. */
public record BenchReport(String target, BenchResult targetResult, Optional<BenchResult> baseline) {

    /** Errors of any kind during the target's measurement; a clean run has none. */
    public long targetErrors() {
        return targetResult.errorCount();
    }

    /** Target msg/s as a fraction of the baseline's, when both were measured. */
    public Optional<Double> ratio() {
        return baseline.map(b -> targetResult.messagesPerSecond() / Math.max(1e-9, b.messagesPerSecond()));
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        baseline.ifPresent(r -> b.append(r.text("baseline (bare camel-netty MLLP, no TLS, AA at once)")));
        b.append(targetResult.text("target " + target));
        ratio().ifPresent(r -> b.append(String.format("ratio to baseline: %.2f%n", r)));
        b.append(String.format("machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        return b.toString();
    }

    public void json(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("target", target);
        out.writeFieldName("result");
        targetResult.json(out);
        if (baseline.isPresent()) {
            out.writeFieldName("baseline");
            baseline.get().json(out);
            out.writeNumberField("ratioToBaseline", Math.round(ratio().get() * 1000) / 1000.0);
        }
        out.writeNumberField("cores", Runtime.getRuntime().availableProcessors());
        out.writeStringField("java", System.getProperty("java.version"));
        out.writeEndObject();
    }
}
