package org.ward.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ward.hl7.Er7Message;
import org.ward.hl7.Hl7Problem;
import org.ward.hl7.Hl7Reader;
import org.ward.hl7.ReadOutcome;

/**
 * The compiled PCD-01 profile on ER7 text must find exactly what HAPI's profile validator
 * ({@link LocatingProfileValidator}, the oracle) finds on the parsed message: same problems, same
 * order, for every corpus message and every mutation HAPI can parse. Messages the ER7 path
 * declines (escape sequences, other delimiters, segments HAPI would add as non-standard) go to
 * HAPI in production; they are counted here so the fast path's coverage stays visible.
 */
class ProfileDifferentialTest {

    private static final Hl7Reader READER = new Hl7Reader();
    private static final PcdValidator VALIDATOR = new PcdValidator();

    @Test
    void compiledProfileFindsWhatHapiFinds() {
        Map<String, String> messages = DifferentialCorpus.all(2);
        List<String> differences = new ArrayList<>();
        Map<String, Integer> declinedByBase = new java.util.TreeMap<>();
        int unreadable = 0;
        int declined = 0;
        int compared = 0;
        int withProblems = 0;
        ProfileConformanceCheck pcd01 = VALIDATOR.pcd01();
        for (Map.Entry<String, String> message : messages.entrySet()) {
            ReadOutcome read = READER.read(message.getValue().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            if (!(read instanceof ReadOutcome.Parsed parsed)) {
                unreadable++;
                continue;
            }
            Optional<PlacedSegments> placed = Er7Message.of(parsed.text()).flatMap(p -> VALIDATOR.structures().place(p).map(PlacedSegments::of));
            if (placed.isEmpty() || !pcd01.covers(placed.get())) {
                declined++;
                declinedByBase.merge(message.getKey().split(" ")[0] + (message.getKey().contains(" ") ? "" : " (itself)"),
                        1, Integer::sum);
                continue;
            }
            compared++;
            List<Hl7Problem> oracle = pcd01.check(MessageSegments.of(parsed.message()));
            List<Hl7Problem> er7 = pcd01.check(placed.get());
            if (!oracle.isEmpty()) {
                withProblems++;
            }
            if (!er7.equals(oracle)) {
                differences.add(message.getKey() + "\n  HAPI: " + oracle + "\n  ER7:  " + er7);
            }
        }
        System.out.printf("profile differential: %d messages, %d compared (%d with problems), %d declined,"
                + " %d unreadable, %d differences%n", messages.size(), compared, withProblems, declined, unreadable,
                differences.size());
        System.out.println("declined by base message: " + declinedByBase);
        differences.stream().limit(15).forEach(System.out::println);
        assertThat(differences).isEmpty();
        assertThat(compared).isGreaterThan(declined);
        // Every unmutated ORU^R01 request of the corpus takes the ER7 path.
        assertThat(declinedByBase.keySet()).noneMatch(base -> base.endsWith("(itself)")
                && messages.get(base.replace(" (itself)", "")).contains("|ORU^R01"));
    }
}
