package org.ward.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ward.ack.AckFactory;
import org.ward.ack.ControlIdGenerator;
import org.ward.hl7.Hl7Reader;
import org.ward.hl7.ReadOutcome;
import org.ward.profile.Assessment;
import org.ward.profile.MessageAssessor;
import org.ward.profile.PcdTransaction;
import org.ward.profile.ProfileIdentifiers;
import org.ward.profile.TransactionRegistry;
import org.ward.validation.PcdValidator;

/** The per-message HL7 work of the inbound path on a ~1.5 KB PCD-01, one step at a time. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InboundBenchmark {

    private byte[] payload;
    private Hl7Reader reader;
    private PcdValidator validator;
    private ReadOutcome.Parsed parsed;
    private MessageAssessor assessor;
    private AckFactory acks;
    private Assessment assessment;

    @Setup
    public void setUp() {
        payload = Samples.pcd01();
        reader = new Hl7Reader();
        validator = new PcdValidator(reader.structures());
        parsed = (ReadOutcome.Parsed) reader.read(payload, StandardCharsets.UTF_8);
        assessor = new MessageAssessor(reader, new TransactionRegistry(ProfileIdentifiers.defaults()), validator::validate);
        acks = new AckFactory(reader.context().getPipeParser(), new ControlIdGenerator(), Clock.systemUTC(), "WARD");
        assessment = assess();
        if (!assessment.verdict().outcome().isSuccess()) {
            throw new IllegalStateException("the sample must be valid: " + assessment.verdict());
        }
    }

    /** Charset detection, MSH read, and the decision that HAPI would parse it (HAPI itself is not run). */
    @Benchmark
    public Object parse() {
        return reader.read(payload, StandardCharsets.UTF_8);
    }

    /** Gazelle profile plus the PCD rules, on an already read message (its ER7 text). */
    @Benchmark
    public Object validate() {
        return validator.validate(PcdTransaction.PCD_01, parsed);
    }

    /** Read, recognise and validate: everything before the ACK. */
    @Benchmark
    public Assessment assess() {
        return assessor.assess(payload, StandardCharsets.UTF_8, EnumSet.allOf(PcdTransaction.class));
    }

    /** Building and encoding the acknowledgment(s). */
    @Benchmark
    public List<String> acknowledge() {
        return acks.respond(assessment.header(), assessment.verdict());
    }
}
