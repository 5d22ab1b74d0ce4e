package org.ward.bench;

import java.time.Clock;
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
import org.ward.audit.AuditContext;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.event.Hl7Application;
import org.ward.audit.event.ImportBuilder;
import org.ward.audit.marshal.DicomAuditSchema;
import org.ward.audit.marshal.DicomAuditXml;
import org.ward.audit.marshal.InvalidAuditRecordException;
import org.ward.audit.model.AuditMessage;
import org.ward.audit.model.CodedValue;
import org.ward.audit.model.NetworkAccessPoint;

/**
 * The audit work per inbound PCD-01: the Import (110107) record as the engine builds it for one
 * patient, its DICOM XML, and checking that XML against the DICOM schema (what the audit repository
 * does with every record it receives).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuditXmlBenchmark {

    private static final CodedValue PCD_01 = CodedValue.iheTransaction("PCD-01", "Communicate PCD Data");
    private static final NetworkAccessPoint DEVICE = NetworkAccessPoint.ipAddress("127.0.0.1");

    private final AuditContext context = AuditContext.applicationServer("ward", "Bench Hospital",
            NetworkAccessPoint.machineName("ward-bench"));
    private final Clock clock = Clock.systemUTC();
    private AuditMessage record;
    private byte[] xml;

    @Setup
    public void setUp() throws InvalidAuditRecordException {
        record = build();
        xml = DicomAuditXml.toXml(record);
        DicomAuditSchema.validate(xml);
    }

    /** The record: ImportBuilder as AuditTrail.received calls it. */
    @Benchmark
    public AuditMessage build() {
        return ImportBuilder.of(context, clock, PCD_01)
                .source(Hl7Application.of("WARD-BENCH^0123456789ABCDEF^EUI-64", ""), DEVICE)
                .destination(Hl7Application.of("WARD", ""))
                .authenticatedPeer("CN=Development Device,O=Ward Development", "0123456789abcdef", DEVICE)
                .patient("100042^^^Bench Hospital^PI")
                .messageControlId("B3-12345")
                .policyChanges(List.of())
                .outcome(EventOutcome.SUCCESS)
                .build();
    }

    /** DICOM PS3.15 A.5 XML of a built record. */
    @Benchmark
    public byte[] marshal() {
        return DicomAuditXml.toXml(record);
    }

    /** Build and marshal: the audit work on the inbound path for one patient. */
    @Benchmark
    public byte[] buildAndMarshal() {
        return DicomAuditXml.toXml(build());
    }

    /** Schema validation of the marshalled record (per-thread reusable validator). */
    @Benchmark
    public byte[] validate() throws InvalidAuditRecordException {
        DicomAuditSchema.validate(xml);
        return xml;
    }
}
