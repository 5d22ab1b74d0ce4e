package org.ward.audit.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An audit search as IHE ITI-81 (RESTful ATNA, FHIR R4 AuditEvent search) asks it, parsed and checked
 * once: a time window from {@code date} (required, {@code ge}/{@code gt}/{@code le}/{@code lt}/{@code eq}
 * with any FHIR date precision) and optional filters; the CLI builds the same record. Values within
 * one parameter are alternatives (OR); different parameters all hold (AND).
 *
 * @param from     inclusive start of the event time window
 * @param to       exclusive end of the window
 * @param patients patient identifiers (the CX ID, or {@code system|value} with the assigning authority)
 * @param agents   participant user IDs (ActiveParticipant UserID / AlternativeUserID / UserName)
 * @param sources  audit source IDs
 * @param types    event ID codes (EventID), as {@code code} or {@code system|code}
 * @param subtypes event type codes (EventTypeCode)
 * @param outcomes outcome indicators 0, 4, 8, 12
 * @param addresses participant network access point IDs
 * @param entityTypes ParticipantObjectTypeCode values (1-4)
 * @param entityRoles ParticipantObjectTypeCodeRole values (1-24)
 * @param messageIds HL7 v2 message control IDs (MSH-10) the records name: Ward's search parameter
 *     {@code message-control-id}, not part of ITI-81
 * @param count    page size
 * @param after    the paging cursor: only records stored after this repository id
 */
public record AuditEventSearch(Instant from, Instant to, List<String> patients, List<String> agents, List<String> sources,
                               List<Token> types, List<Token> subtypes, List<Integer> outcomes, List<String> addresses,
                               List<Integer> entityTypes, List<Integer> entityRoles, List<String> messageIds, int count,
                               Optional<Long> after) {

    public static final int DEFAULT_COUNT = 100;
    public static final int MAX_COUNT = 1000;
    /** The open ends of a one-sided date window (both databases store these). */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    static final Set<String> PARAMETERS = Set.of("date", "patient.identifier", "agent", "source", "type", "subtype",
            "outcome", "address", "entity-type", "entity-role", "message-control-id", "_count", "_after");

    /** A FHIR token: an optional system and a code. */
    public record Token(Optional<String> system, String code) {
        static Token parse(String text) {
            int bar = text.indexOf('|');
            return bar < 0 ? new Token(Optional.empty(), text)
                    : new Token(Optional.of(text.substring(0, bar)).filter(s -> !s.isEmpty()), text.substring(bar + 1));
        }
    }

    public AuditEventSearch {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the date window is empty: " + from + " is not before " + to);
        }
        patients = List.copyOf(patients);
        agents = List.copyOf(agents);
        sources = List.copyOf(sources);
        types = List.copyOf(types);
        subtypes = List.copyOf(subtypes);
        outcomes = List.copyOf(outcomes);
        addresses = List.copyOf(addresses);
        entityTypes = List.copyOf(entityTypes);
        entityRoles = List.copyOf(entityRoles);
        messageIds = List.copyOf(messageIds);
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("_count must be 1 to " + MAX_COUNT + ", got " + count);
        }
        Objects.requireNonNull(after, "after");
    }

    /**
     * Parses ITI-81 query parameters (each name with all its values, as a query string gives them).
     *
     * @throws IllegalArgumentException naming the parameter and what is wrong: an HTTP 400 for the caller
     */
    public static AuditEventSearch parse(Map<String, List<String>> query) {
        for (String name : query.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("unknown search parameter '" + name + "'; supported: "
                        + String.join(", ", PARAMETERS.stream().sorted().toList()));
            }
        }
        List<String> dates = query.getOrDefault("date", List.of());
        if (dates.isEmpty()) {
            throw new IllegalArgumentException("'date' is required (ITI-81), e.g. date=ge2026-11-01&date=le2026-11-22");
        }
        Instant from = Instant.MIN;
        Instant to = Instant.MAX;
        for (String date : dates) {
            Instant[] window = window(date);
            from = window[0].isAfter(from) ? window[0] : from;
            to = window[1].isBefore(to) ? window[1] : to;
        }
        // One bound is enough (date=ge2026-11-01: everything since); the other is the calendar's end.
        from = from.equals(Instant.MIN) ? EARLIEST : from;
        to = to.equals(Instant.MAX) ? LATEST : to;
        return new AuditEventSearch(from, to, values(query, "patient.identifier"), values(query, "agent"),
                values(query, "source"), values(query, "type").stream().map(Token::parse).toList(),
                values(query, "subtype").stream().map(Token::parse).toList(),
                numbers(query, "outcome", Set.of(0, 4, 8, 12)), values(query, "address"),
                numbers(query, "entity-type", Set.of(1, 2, 3, 4)), numbers(query, "entity-role", null),
                values(query, "message-control-id"),
                query.containsKey("_count") ? number(single(query, "_count"), "_count") : DEFAULT_COUNT,
                query.containsKey("_after") ? Optional.of(cursor(single(query, "_after"))) : Optional.empty());
    }

    /** One {@code date} value as [start, end) of what it admits. */
    static Instant[] window(String value) {
        String prefix = value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(0, 2) : "eq";
        String date = prefix.equals("eq") && !value.startsWith("eq") ? value : value.substring(2);
        Instant[] span = span(date);
        return switch (prefix) {
            case "eq" -> span;
            case "ge" -> new Instant[] {span[0], Instant.MAX};
            case "gt" -> new Instant[] {span[1], Instant.MAX};
            case "le" -> new Instant[] {Instant.MIN, span[1]};
            case "lt" -> new Instant[] {Instant.MIN, span[0]};
            default -> throw new IllegalArgumentException("date prefix '" + prefix + "' is not supported; use ge, gt, le,"
                    + " lt or eq");
        };
    }

    /** The instants a FHIR date of any precision covers: a year, a month, a day (UTC) or an instant. */
    private static Instant[] span(String date) {
        try {
            if (date.matches("\\d{4}")) {
                LocalDate start = LocalDate.of(Integer.parseInt(date), 1, 1);
                return days(start, start.plusYears(1));
            }
            if (date.matches("\\d{4}-\\d{2}")) {
                YearMonth month = YearMonth.parse(date);
                return days(month.atDay(1), month.plusMonths(1).atDay(1));
            }
            if (date.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate day = LocalDate.parse(date);
                return days(day, day.plusDays(1));
            }
            Instant instant = OffsetDateTime.parse(date).toInstant();
            return new Instant[] {instant, instant.plusMillis(1)};
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + date + "' is not a FHIR date (YYYY, YYYY-MM, YYYY-MM-DD or a"
                    + " date-time with its time zone)");
        }
    }

    private static Instant[] days(LocalDate start, LocalDate end) {
        return new Instant[] {start.atStartOfDay(ZoneOffset.UTC).toInstant(), end.atStartOfDay(ZoneOffset.UTC).toInstant()};
    }

    /** All values of a parameter; a comma separates alternatives within one value (FHIR OR). */
    private static List<String> values(Map<String, List<String>> query, String name) {
        List<String> out = new ArrayList<>();
        for (String value : query.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private static List<Integer> numbers(Map<String, List<String>> query, String name, Set<Integer> allowed) {
        List<Integer> out = new ArrayList<>();
        for (String value : values(query, name)) {
            String code = Token.parse(value).code();
            int n = number(code, name);
            if (allowed != null && !allowed.contains(n)) {
                throw new IllegalArgumentException("'" + name + "' must be one of " + allowed.stream().sorted().toList()
                        + ", got " + code);
            }
            out.add(n);
        }
        return out;
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values.size() != 1) {
            throw new IllegalArgumentException("'" + name + "' is given " + values.size() + " times");
        }
        return values.get(0);
    }

    private static long cursor(String text) {
        try {
            long id = Long.parseLong(text.strip());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'_after' must be a record id from a 'next' link, got '" + text + "'");
        }
    }

    private static int number(String text, String name) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number, got '" + text + "'");
        }
    }
}
