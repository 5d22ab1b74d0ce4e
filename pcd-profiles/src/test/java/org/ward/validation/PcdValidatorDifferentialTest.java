package org.ward.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.ward.hl7.Er7Message;
import org.ward.hl7.Hl7Problem;
import org.ward.hl7.Hl7Reader;
import org.ward.hl7.ReadOutcome;
import org.ward.profile.PcdTransaction;

/**
 * {@link PcdValidator} on ER7 text (TF rules on {@link PlacedSegments}, the compiled PCD-01
 * profile) must return exactly what it returns on HAPI's parsed model (the oracle), for every
 * transaction, corpus message and mutation HAPI can parse. Messages the ER7 path hands to HAPI
 * are counted, not compared: for them both paths are the same code.
 */
class PcdValidatorDifferentialTest {

    private static final Hl7Reader READER = new Hl7Reader();
    private static final PcdValidator VALIDATOR = new PcdValidator();
    /** As MessageAssessor is wired: sharing the reader's placement of the segments. */
    private static final PcdValidator SHARING_READER = new PcdValidator(READER.structures());

    @Test
    void er7PathReturnsWhatHapiPathReturns() {
        Map<String, String> messages = DifferentialCorpus.all(2);
        List<String> differences = new ArrayList<>();
        int compared = 0;
        int handedToHapi = 0;
        int unreadable = 0;
        for (Map.Entry<String, String> message : messages.entrySet()) {
            ReadOutcome read = READER.read(message.getValue().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            if (!(read instanceof ReadOutcome.Parsed parsed)) {
                unreadable++;
                continue;
            }
            Er7Message er7 = Er7Message.of(parsed.text()).orElseThrow();
            boolean fieldMutation = message.getKey().contains(" field ");
            for (PcdTransaction transaction : PcdTransaction.values()) {
                if (fieldMutation && transaction != PcdTransaction.PCD_01 && transaction != PcdTransaction.PCD_03) {
                    continue; // PCD-04/05/10 run the same rules as PCD-03 but for two; keeps the run short
                }
                AtomicBoolean hapi = new AtomicBoolean();
                List<Hl7Problem> viaEr7 = VALIDATOR.validate(transaction, er7, () -> {
                    hapi.set(true);
                    return parsed.message();
                });
                if (hapi.get()) {
                    handedToHapi++;
                    continue;
                }
                compared++;
                List<Hl7Problem> oracle = VALIDATOR.validate(transaction, parsed.message());
                if (!viaEr7.equals(oracle)) {
                    differences.add(transaction + " " + message.getKey() + "\n  HAPI: " + oracle + "\n  ER7:  " + viaEr7);
                }
            }
        }
        System.out.printf("validator differential: %d messages (%d unreadable), %d comparisons, %d handed to HAPI,"
                + " %d differences%n", messages.size(), unreadable, compared, handedToHapi, differences.size());
        differences.stream().limit(15).forEach(System.out::println);
        assertThat(differences).isEmpty();
        assertThat(compared).isGreaterThan(handedToHapi);
    }

    @Test
    void readerPlacedMessagesGetWhatHapiPathGets() {
        Map<String, String> messages = DifferentialCorpus.all(0);
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, String> message : messages.entrySet()) {
            ReadOutcome read = READER.read(message.getValue().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            if (!(read instanceof ReadOutcome.Parsed parsed) || parsed.placed().isEmpty()) {
                continue;
            }
            for (PcdTransaction transaction : PcdTransaction.values()) {
                compared++;
                List<Hl7Problem> viaReader = SHARING_READER.validate(transaction, parsed);
                List<Hl7Problem> oracle = VALIDATOR.validate(transaction, parsed.message());
                if (!viaReader.equals(oracle)) {
                    differences.add(transaction + " " + message.getKey());
                }
            }
        }
        System.out.printf("reader-placed differential: %d comparisons, %d differences%n", compared, differences.size());
        differences.stream().limit(15).forEach(System.out::println);
        assertThat(differences).isEmpty();
        assertThat(compared).isGreaterThan(1000);
    }
}
