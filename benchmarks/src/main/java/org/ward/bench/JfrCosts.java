package org.ward.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where Ward's CPU went in a JFR recording ({@code jdk.ExecutionSample}): the share of samples whose
 * stack passes through each part of the pipeline (inclusive, so parts nest and overlap: TLS inside
 * Netty, HAPI inside validation), the hottest methods where the CPU was (self) and the Ward methods
 * with the most samples beneath them.
 *
 * <pre>JfrCosts RECORDING.jfr</pre>
 */
public final class JfrCosts {

    /** Pipeline parts by class-name prefix; the first part a frame's class matches counts for the sample. */
    private static final Map<String, List<String>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("TLS (JSSE records, handshakes, crypto)", List.of("sun.security.ssl.", "javax.net.ssl.",
                "com.sun.crypto.", "sun.security.ec.", "sun.security.provider.", "sun.security.util.", "javax.crypto.",
                "io.netty.handler.ssl."));
        PARTS.put("HL7 parse (HAPI PipeParser, Ward's reader)", List.of("ca.uhn.hl7v2.parser.", "org.ward.hl7."));
        PARTS.put("profile validation (HAPI conformance + PCD rules)", List.of("org.ward.validation.",
                "ca.uhn.hl7v2.conf.", "ca.uhn.hl7v2.validation."));
        PARTS.put("access policy", List.of("org.ward.policy."));
        PARTS.put("journal (org.ward.store + H2)", List.of("org.ward.store.", "org.h2."));
        PARTS.put("audit records (build, XML, spool)", List.of("org.ward.audit."));
        PARTS.put("ACK building", List.of("org.ward.ack."));
        PARTS.put("delivery to the destination", List.of("org.ward.delivery."));
        PARTS.put("logging (logback)", List.of("ch.qos.logback."));
        PARTS.put("Camel", List.of("org.apache.camel."));
        PARTS.put("Netty (event loop, codecs)", List.of("io.netty."));
    }

    private JfrCosts() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: JfrCosts RECORDING.jfr [FROM_EPOCH_MILLIS TO_EPOCH_MILLIS]");
            System.exit(2);
        }
        // A recording started with the JVM and cut to a window afterwards: starting JFR in a running
        // JVM retransforms the JDK's I/O classes and sets off a wave of recompilation inside the window.
        long from = args.length == 3 ? Long.parseLong(args[1]) : Long.MIN_VALUE;
        long to = args.length == 3 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusiveWard = new HashMap<>();
        Map<String, Integer> parts = new LinkedHashMap<>();
        PARTS.keySet().forEach(p -> parts.put(p, 0));
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            long at = event.getStartTime().toEpochMilli();
            if (at < from || at > to) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            threads.merge(threadGroup(event.getThread("sampledThread") == null ? "?"
                    : event.getThread("sampledThread").getJavaName()), 1, Integer::sum);
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
            }
            Set<String> seenParts = new HashSet<>();
            Set<String> seenMethods = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String type = frame.getMethod().getType().getName();
                for (Map.Entry<String, List<String>> part : PARTS.entrySet()) {
                    if (part.getValue().stream().anyMatch(type::startsWith) && seenParts.add(part.getKey())) {
                        parts.merge(part.getKey(), 1, Integer::sum);
                    }
                }
                String method = name(frame.getMethod());
                if (type.startsWith("org.ward.") && seenMethods.add(method)) {
                    inclusiveWard.merge(method, 1, Integer::sum);
                }
            }
        }
        System.out.printf("%d execution samples%n", samples);
        System.out.println("\nshare of samples passing through each part (inclusive; parts overlap):");
        print(parts, samples, parts.size());
        System.out.println("\nthreads (samples by thread name, digits dropped):");
        print(threads, samples, 12);
        System.out.println("\nhottest methods (self: the sampled frame):");
        print(self, samples, 25);
        System.out.println("\nWard methods with the most samples beneath them (inclusive):");
        print(inclusiveWard, samples, 30);
    }

    private static String name(RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }

    private static String threadGroup(String name) {
        return name.replaceAll("\\d+", "N");
    }

    private static void print(Map<String, Integer> counts, int total, int limit) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> System.out.printf("  %5.1f %%  %6d  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                        e.getValue(), e.getKey()));
    }
}
