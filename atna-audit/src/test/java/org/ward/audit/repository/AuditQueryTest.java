package org.ward.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.AuditXmlAssertions;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.event.Hl7Application;
import org.ward.audit.event.ImportBuilder;
import org.ward.audit.event.QueryBuilder;
import org.ward.audit.event.UserAuthenticationBuilder;
import org.ward.audit.fhir.AuditEventSearch;
import org.ward.audit.marshal.DicomAuditXml;
import org.ward.audit.model.AuditMessage;
import org.ward.audit.model.CodedValue;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.audit.model.Octets;

/**
 * Every ITI-81 search parameter (and Ward's message-control-id) against one fixture of stored
 * records in a real H2 store, with paging: what GET /fhir/AuditEvent and ward audit query run.
 */
class AuditQueryTest {

    @TempDir
    static Path dataDir;

    private static AuditStore store;
    private static final List<Long> PAT_1 = new ArrayList<>();

    @BeforeAll
    static void fill() throws Exception {
        store = AuditStore.open(AuditStoreConfig.h2(dataDir), new RepositoryStats(), Clock.systemUTC());
        for (int i = 0; i < 25; i++) {
            add(importOf("PAT-1^^^HOSP&1.2.3&ISO^MR", "M1-" + i, clock("2026-11-20T08:%02d:00Z".formatted(i))));
        }
        for (int i = 0; i < 5; i++) {
            add(importOf("PAT-2^^^OTHER&9.9.9&ISO^MR", "M2-" + i, clock("2026-11-21T08:0" + i + ":00Z")));
        }
        for (int i = 0; i < 3; i++) {
            add(UserAuthenticationBuilder.login(AuditXmlAssertions.CONTEXT, clock("2026-11-21T09:0" + i + ":00Z"))
                    .user("alice@EXAMPLE.ORG", "Alice", NetworkAccessPoint.ipAddress("10.0.0.5")).build());
        }
        for (int i = 0; i < 2; i++) {
            add(UserAuthenticationBuilder.login(AuditXmlAssertions.CONTEXT, clock("2026-11-21T10:0" + i + ":00Z"))
                    .user("bob@EXAMPLE.ORG", "Bob", NetworkAccessPoint.ipAddress("10.0.0.6"))
                    .outcome(EventOutcome.SERIOUS_FAILURE, "no such user").build());
        }
        add(QueryBuilder.of(AuditXmlAssertions.CONTEXT, clock("2026-11-22T07:00:00Z"),
                        CodedValue.iheTransaction("ITI-81", "Retrieve ATNA Audit Event"))
                .source("carol@EXAMPLE.ORG", NetworkAccessPoint.ipAddress("10.0.0.7"))
                .query(Octets.utf8("date=ge2026-11-20&date=le2026-11-21&patient.identifier=PAT-1")).build());
        byte[] pixfeed = Files.readAllBytes(Path.of(AuditQueryTest.class.getResource("/audit-samples/pixfeed.xml").toURI()));
        store.append(RecordAnalyzer.analyze(Records.FORMATTER.format(Instant.now(), pixfeed), Instant.now(), "peer"));
        store.append(RecordAnalyzer.analyze("<85>1 - - - - - - not xml".getBytes(StandardCharsets.UTF_8),
                Instant.now(), "peer"));
        for (int i = 0; i < 200 && store.lastSeq() < 38; i++) {
            Thread.sleep(25);
        }
        assertThat(store.lastSeq()).isEqualTo(38);
        PAT_1.addAll(java.util.stream.LongStream.rangeClosed(1, 25).boxed().toList());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void theDateWindowIsInclusiveAtTheStartAndExclusiveAtTheEnd() throws Exception {
        assertThat(seqs("date", "eq2026-11-20")).containsExactlyElementsOf(PAT_1);
        assertThat(seqs("date", "ge2026-11-20T08:10:00Z", "date", "lt2026-11-20T08:12:00Z")).containsExactly(11L, 12L);
        assertThat(seqs("date", "ge2026-11-20", "date", "le2026-11-22")).hasSize(36);
        assertThat(seqs("date", "2020")).hasSize(1); // the IPF sample's event time
    }

    @Test
    void aPatientIsFoundByItsIdByItsWholeCxAndByAuthorityAndId() throws Exception {
        assertThat(seqs("date", "2026", "patient.identifier", "PAT-1")).containsExactlyElementsOf(PAT_1);
        assertThat(seqs("date", "2026", "patient.identifier", "PAT-1^^^HOSP&1.2.3&ISO^MR")).containsExactlyElementsOf(PAT_1);
        assertThat(seqs("date", "2026", "patient.identifier", "urn:oid:1.2.3|PAT-1")).containsExactlyElementsOf(PAT_1);
        assertThat(seqs("date", "2026", "patient.identifier", "9.9.9|PAT-1")).isEmpty();
        assertThat(seqs("date", "2026", "patient.identifier", "PAT-1,PAT-2")).hasSize(30);
        assertThat(seqs("date", "2020", "patient.identifier", "7627199")).hasSize(1);
    }

    @Test
    void messageControlIdFindsTheImport() throws Exception {
        assertThat(seqs("date", "2026", "message-control-id", "M2-3")).containsExactly(29L);
    }

    @Test
    void agentAddressTypeSubtypeAndOutcomeEachFilter() throws Exception {
        assertThat(seqs("date", "2026", "agent", "alice@EXAMPLE.ORG")).containsExactly(31L, 32L, 33L);
        assertThat(seqs("date", "2026", "address", "10.0.0.6")).containsExactly(34L, 35L);
        assertThat(seqs("date", "2026", "type", "110114")).containsExactly(31L, 32L, 33L, 34L, 35L);
        assertThat(seqs("date", "2026", "type", "http://dicom.nema.org/resources/ontology/DCM|110112")).containsExactly(36L);
        assertThat(seqs("date", "2026", "subtype", "PCD-01")).hasSize(30);
        assertThat(seqs("date", "2026", "subtype", "ITI-81")).containsExactly(36L);
        assertThat(seqs("date", "2026", "outcome", "8")).containsExactly(34L, 35L);
        assertThat(seqs("date", "2026", "type", "110114", "outcome", "0", "agent", "bob@EXAMPLE.ORG")).isEmpty();
        assertThat(seqs("date", "2026", "type", "110114", "outcome", "8", "agent", "bob@EXAMPLE.ORG")).containsExactly(34L, 35L);
    }

    @Test
    void sourceEntityTypeAndRoleAreCheckedOnTheRecord() throws Exception {
        assertThat(seqs("date", "2020", "source", "MPI")).containsExactly(37L);
        assertThat(seqs("date", "2026", "source", "MPI")).isEmpty();
        assertThat(seqs("date", "2026", "entity-type", "2", "entity-role", "24")).containsExactly(36L);
        assertThat(seqs("date", "2026", "entity-role", "1")).hasSize(30);
    }

    @Test
    void pagesFollowTheCursorUntilNoneIsLeft() throws Exception {
        List<Long> seen = new ArrayList<>();
        Optional<Long> after = Optional.empty();
        int pages = 0;
        do {
            List<String> query = new ArrayList<>(List.of("date", "2026", "patient.identifier", "PAT-1", "_count", "10"));
            after.ifPresent(a -> query.addAll(List.of("_after", a.toString())));
            SearchPage page = store.search(search(query.toArray(String[]::new)));
            page.records().forEach(r -> seen.add(r.seq()));
            after = page.next();
            pages++;
            assertThat(page.records()).hasSizeLessThanOrEqualTo(10);
        } while (after.isPresent());
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(PAT_1);
    }

    @Test
    void aRecordIsReadableAsXmlAndAnUnreadableOneIsStillListed() throws Exception {
        StoredRecord first = store.find(1).orElseThrow();
        assertThat(first.dicomXml()).get().asString().startsWith("<AuditMessage>").contains("PAT-1^^^HOSP&amp;1.2.3&amp;ISO^MR");
        assertThat(first.view()).isPresent();
        StoredRecord garbage = store.find(38).orElseThrow();
        assertThat(garbage.view()).isEmpty();
        assertThat(store.find(39)).isEmpty();
    }

    private static List<Long> seqs(String... params) throws Exception {
        SearchPage page = store.search(search(params));
        assertThat(page.next()).isEmpty();
        return page.records().stream().map(StoredRecord::seq).toList();
    }

    private static AuditEventSearch search(String... params) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            query.computeIfAbsent(params[i], k -> new ArrayList<>()).add(params[i + 1]);
        }
        return AuditEventSearch.parse(query);
    }

    private static void add(AuditMessage message) throws InterruptedException {
        store.append(RecordAnalyzer.analyze(Records.FORMATTER.format(Instant.now(), DicomAuditXml.toXml(message)),
                Instant.now(), "127.0.0.1:50000 CN=test"));
    }

    private static AuditMessage importOf(String patient, String msh10, Clock clock) {
        return ImportBuilder.of(AuditXmlAssertions.CONTEXT, clock, Records.PCD_01)
                .source(Hl7Application.of("PUMP_APP^0123456789abcdef^EUI-64", "ICU"), Records.PUMP)
                .destination(Hl7Application.of("WARD", "HOSP"))
                .authenticatedPeer("CN=pump-17,O=Example Hospital", "0123456789abcdef", Records.PUMP)
                .patient(patient).messageControlId(msh10).build();
    }

    private static Clock clock(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }
}
