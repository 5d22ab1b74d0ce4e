package org.ward.audit.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditEventSearchTest {

    private static Map<String, List<String>> query(String... pairs) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            query.computeIfAbsent(pair.substring(0, eq), k -> new java.util.ArrayList<>()).add(pair.substring(eq + 1));
        }
        return query;
    }

    @Test
    void aWindowFromGeAndLeAtDayPrecisionCoversWholeDays() {
        AuditEventSearch search = AuditEventSearch.parse(query("date=ge2026-11-01", "date=le2026-11-22"));

        assertThat(search.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(search.to()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(search.count()).isEqualTo(AuditEventSearch.DEFAULT_COUNT);
        assertThat(search.after()).isEmpty();
    }

    @Test
    void precisionsAndPrefixes() {
        assertThat(AuditEventSearch.window("2026")).containsExactly(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(AuditEventSearch.window("eq2026-02")).containsExactly(Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(AuditEventSearch.window("gt2026-11-22")[0]).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(AuditEventSearch.window("lt2026-11-22T10:00:00+01:00")[1]).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        AuditEventSearch oneDay = AuditEventSearch.parse(query("date=2026-11-22"));
        assertThat(oneDay.to()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
    }

    @Test
    void filtersTokensAndPaging() {
        AuditEventSearch search = AuditEventSearch.parse(query("date=ge2026-11-01T00:00:00Z", "date=lt2026-11-02",
                "patient.identifier=urn:oid:1.2.3|789567", "agent=alice@HOSPITAL.EXAMPLE,bob@HOSPITAL.EXAMPLE",
                "type=http://dicom.nema.org/resources/ontology/DCM|110107", "subtype=PCD-01", "outcome=0,4",
                "address=10.0.0.7", "entity-type=1", "entity-role=1", "source=ward@icu", "_count=50", "_after=1234"));

        assertThat(search.patients()).containsExactly("urn:oid:1.2.3|789567");
        assertThat(search.agents()).containsExactly("alice@HOSPITAL.EXAMPLE", "bob@HOSPITAL.EXAMPLE");
        assertThat(search.types()).containsExactly(new AuditEventSearch.Token(
                Optional.of("http://dicom.nema.org/resources/ontology/DCM"), "110107"));
        assertThat(search.subtypes()).containsExactly(new AuditEventSearch.Token(Optional.empty(), "PCD-01"));
        assertThat(search.outcomes()).containsExactly(0, 4);
        assertThat(search.addresses()).containsExactly("10.0.0.7");
        assertThat(search.entityTypes()).containsExactly(1);
        assertThat(search.entityRoles()).containsExactly(1);
        assertThat(search.sources()).containsExactly("ward@icu");
        assertThat(search.count()).isEqualTo(50);
        assertThat(search.after()).contains(1234L);
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> AuditEventSearch.parse(query("patient.identifier=1")))
                .hasMessageContaining("'date' is required");
        AuditEventSearch since = AuditEventSearch.parse(query("date=ge2026-11-01"));
        assertThat(since.from()).isEqualTo(java.time.Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(since.to()).isEqualTo(AuditEventSearch.LATEST);
        assertThatThrownBy(() -> AuditEventSearch.parse(query("date=2026-13-01")))
                .hasMessageContaining("not a FHIR date");
        assertThatThrownBy(() -> AuditEventSearch.parse(query("date=2026-11-01", "outcome=3")))
                .hasMessageContaining("'outcome' must be one of [0, 4, 8, 12]");
        assertThatThrownBy(() -> AuditEventSearch.parse(query("date=2026-11-01", "_count=5000")))
                .hasMessageContaining("_count must be 1 to 1000");
        assertThatThrownBy(() -> AuditEventSearch.parse(query("date=2026-11-01", "patient=1")))
                .hasMessageContaining("unknown search parameter 'patient'");
        assertThatThrownBy(() -> AuditEventSearch.parse(query("date=ge2026-11-02", "date=le2026-11-01")))
                .hasMessageContaining("the date window is empty");
        assertThatThrownBy(() -> AuditEventSearch.parse(query("date=2026-11-01", "_after=-1")))
                .hasMessageContaining("'_after' must be a record id");
    }
}
