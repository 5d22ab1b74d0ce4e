package org.ward.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ward.validation.DifferentialCorpus;

/**
 * {@link Hl7Reader#read} without HAPI must decide exactly as HAPI's parse decides (the oracle,
 * {@link Hl7Reader#readWithHapi}): readable or not, with the same charset, header and problem
 * (MissingValueType included), for every corpus message and mutation. A message read from its
 * ER7 text alone must also parse with HAPI when its model is asked for.
 */
class Hl7ReaderDifferentialTest {

    private static final Hl7Reader READER = new Hl7Reader();

    @Test
    void readingWithoutHapiDecidesAsHapiDoes() {
        Map<String, String> messages = DifferentialCorpus.all(2);
        List<String> differences = new ArrayList<>();
        int withoutHapi = 0;
        int unreadable = 0;
        for (Map.Entry<String, String> message : messages.entrySet()) {
            byte[] payload = message.getValue().getBytes(StandardCharsets.UTF_8);
            ReadOutcome read = READER.read(payload, StandardCharsets.UTF_8);
            ReadOutcome oracle = READER.readWithHapi(payload, StandardCharsets.UTF_8);
            String difference = difference(read, oracle);
            if (difference != null) {
                differences.add(message.getKey() + ": " + difference);
                continue;
            }
            if (read instanceof ReadOutcome.Parsed parsed && !parsed.hasHapiModel()) {
                withoutHapi++;
                assertThat(parsed.message().getName()).isEqualTo(((ReadOutcome.Parsed) oracle).message().getName());
            } else if (read instanceof ReadOutcome.Unreadable) {
                unreadable++;
            }
        }
        System.out.printf("reader differential: %d messages, %d read without HAPI, %d unreadable, %d differences%n",
                messages.size(), withoutHapi, unreadable, differences.size());
        differences.stream().limit(15).forEach(System.out::println);
        assertThat(differences).isEmpty();
        assertThat(withoutHapi).isGreaterThan(messages.size() / 3);
    }

    private static String difference(ReadOutcome read, ReadOutcome oracle) {
        if (!read.charset().equals(oracle.charset())) {
            return "charset " + read.charset() + " vs " + oracle.charset();
        }
        if (read instanceof ReadOutcome.Parsed parsed) {
            if (!(oracle instanceof ReadOutcome.Parsed hapi)) {
                return "read as parsed, HAPI refuses: " + ((ReadOutcome.Unreadable) oracle).problem();
            }
            return parsed.text().equals(hapi.text()) && parsed.header().toString().equals(hapi.header().toString())
                    ? null : "text or header differ";
        }
        if (!(oracle instanceof ReadOutcome.Unreadable hapi)) {
            return "refused, HAPI parses";
        }
        ReadOutcome.Unreadable unreadable = (ReadOutcome.Unreadable) read;
        if (!unreadable.problem().equals(hapi.problem())) {
            return "problem " + unreadable.problem() + " vs " + hapi.problem();
        }
        return unreadable.header().map(Object::toString).equals(hapi.header().map(Object::toString))
                ? null : "header differs";
    }
}
