package org.ward.audit.repository;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One archived record as a line of {@code records.jsonl}, and back: every column of
 * {@code audit_records} under its column name, its {@code audit_index} rows, {@code raw} in base64
 * and {@code hash} in hex. Times are ISO-8601 instants with microseconds. A small tree reader for
 * the parse side (jackson-core only; no data binding).
 */
final class ArchiveJson {

    /** A record line read back: the row and the hash stored with it. */
    record Line(AuditRow row, byte[] hash) {
    }

    /** Raw records are bounded by max-frame-bytes on the wire; this bounds a hostile archive too. */
    static final int MAX_STRING_CHARS = 64 * 1024 * 1024;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build())
            .build();

    private ArchiveJson() {
    }

    static byte[] line(AuditRow row, byte[] hash) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(row.rawUnsafe().length * 4 / 3 + 1024);
        try (JsonGenerator out = FACTORY.createGenerator(buffer)) {
            out.writeStartObject();
            out.writeNumberField("seq", row.seq());
            out.writeStringField("received_at", row.receivedAt().toString());
            out.writeStringField("source", row.source());
            out.writeStringField("status", row.status().name());
            out.writeStringField("problem", row.problem());
            out.writeStringField("syslog_time", row.syslogTime());
            out.writeStringField("hostname", row.hostname());
            out.writeStringField("app_name", row.appName());
            out.writeStringField("msg_id", row.msgId());
            out.writeStringField("event_id", row.eventId());
            out.writeStringField("event_action", row.eventAction());
            out.writeStringField("event_outcome", row.eventOutcome());
            out.writeStringField("event_time", row.eventTime() == null ? null : row.eventTime().toString());
            out.writeArrayFieldStart("index");
            for (IndexEntry entry : row.index()) {
                out.writeStartObject();
                out.writeStringField("kind", String.valueOf(entry.kind().code()));
                out.writeNumberField("ordinal", entry.ordinal());
                out.writeStringField("val", entry.value());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeStringField("raw", Base64.getEncoder().encodeToString(row.rawUnsafe()));
            out.writeStringField("hash", HexFormat.of().formatHex(hash));
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory failed", e);
        }
        buffer.write('\n');
        return buffer.toByteArray();
    }

    /** @throws IllegalArgumentException if the line is not a record as {@link #line} writes it */
    static Line parse(byte[] line) {
        Map<String, Object> o = object(line);
        List<IndexEntry> index = new ArrayList<>();
        for (Object e : list(o, "index")) {
            if (!(e instanceof Map<?, ?> entry)) {
                throw new IllegalArgumentException("an index entry is not an object");
            }
            String kind = string(entry, "kind");
            if (kind == null || kind.length() != 1) {
                throw new IllegalArgumentException("an index kind is one character");
            }
            index.add(new IndexEntry(IndexKind.of(kind.charAt(0)), Math.toIntExact(number(entry, "ordinal")),
                    required(entry, "val")));
        }
        AuditRow row = new AuditRow(number(o, "seq"), Instant.parse(required(o, "received_at")), required(o, "source"),
                RecordStatus.valueOf(required(o, "status")), string(o, "problem"), string(o, "syslog_time"),
                string(o, "hostname"), string(o, "app_name"), string(o, "msg_id"), string(o, "event_id"),
                string(o, "event_action"), string(o, "event_outcome"), instantOrNull(string(o, "event_time")),
                Base64.getDecoder().decode(required(o, "raw")), index);
        return new Line(row, HexFormat.of().parseHex(required(o, "hash")));
    }

    /** One JSON object; every value a String, Long, Boolean, null, List or Map. */
    static Map<String, Object> object(byte[] json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            Map<String, Object> value = readObject(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("text after the JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not well-formed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("reading JSON from memory failed", e);
        }
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (map.put(name, readValue(parser)) != null) {
                throw new IllegalArgumentException("field " + name + " appears twice");
            }
        }
        return map;
    }

    private static Object readValue(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(parser));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("unexpected JSON " + parser.currentToken());
        };
    }

    static String string(Map<?, ?> o, String name) {
        if (!o.containsKey(name)) {
            throw new IllegalArgumentException("field " + name + " is missing");
        }
        Object value = o.get(name);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("field " + name + " is not a string");
        }
        return (String) value;
    }

    static String required(Map<?, ?> o, String name) {
        String value = string(o, name);
        if (value == null) {
            throw new IllegalArgumentException("field " + name + " is null");
        }
        return value;
    }

    static long number(Map<?, ?> o, String name) {
        if (!(o.get(name) instanceof Long value)) {
            throw new IllegalArgumentException("field " + name + " is not an integer");
        }
        return value;
    }

    static List<?> list(Map<?, ?> o, String name) {
        if (!(o.get(name) instanceof List<?> value)) {
            throw new IllegalArgumentException("field " + name + " is not an array");
        }
        return value;
    }

    static Map<?, ?> map(Map<?, ?> o, String name) {
        if (!(o.get(name) instanceof Map<?, ?> value)) {
            throw new IllegalArgumentException("field " + name + " is not an object");
        }
        return value;
    }

    private static Instant instantOrNull(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
