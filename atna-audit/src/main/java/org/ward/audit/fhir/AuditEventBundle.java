package org.ward.audit.fhir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * A FHIR R4 searchset Bundle of AuditEvents (ITI-81 response): a {@code self} link, a {@code next}
 * link while more records match, and one entry per record, written straight to the response stream.
 */
public final class AuditEventBundle {

    private static final JsonFactory JSON = new JsonFactory();

    /** One record to list: its repository id and its DICOM XML as stored. */
    public record Entry(String id, String dicomXml) {
    }

    private AuditEventBundle() {
    }

    /**
     * @param base     the FHIR base URL, e.g. {@code https://ward.example:8443/fhir}
     * @param self     the URL of this page
     * @param next     the URL of the next page, when there is one
     * @param total    how many records match in all, when known
     */
    public static void write(String base, String self, Optional<String> next, Optional<Long> total, List<Entry> entries,
                             OutputStream stream) throws IOException {
        try (JsonGenerator out = JSON.createGenerator(stream)) {
            out.writeStartObject();
            out.writeStringField("resourceType", "Bundle");
            out.writeStringField("type", "searchset");
            if (total.isPresent()) {
                out.writeNumberField("total", total.get());
            }
            out.writeArrayFieldStart("link");
            link("self", self, out);
            if (next.isPresent()) {
                link("next", next.get(), out);
            }
            out.writeEndArray();
            out.writeArrayFieldStart("entry");
            for (Entry entry : entries) {
                out.writeStartObject();
                out.writeStringField("fullUrl", base + "/AuditEvent/" + entry.id());
                out.writeFieldName("resource");
                AuditEventJson.write(readable(entry.dicomXml()), entry.id(),
                        Optional.of(base + "/AuditEvent/" + entry.id() + "/dicom"), out);
                out.writeObjectFieldStart("search");
                out.writeStringField("mode", "match");
                out.writeEndObject();
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    /** One record as an AuditEvent resource (a read: {@code GET [base]/AuditEvent/[id]}). */
    public static void writeOne(String base, Entry entry, OutputStream stream) throws IOException {
        try (JsonGenerator out = JSON.createGenerator(stream)) {
            AuditEventJson.write(readable(entry.dicomXml()), entry.id(),
                    Optional.of(base + "/AuditEvent/" + entry.id() + "/dicom"), out);
        }
    }

    /**
     * The record, or for one that is not readable XML (the repository keeps those too, as evidence) an
     * AuditEvent that says so; the original stays available through the extension.
     */
    private static RecordView readable(String xml) {
        try {
            return DicomRecordReader.read(xml);
        } catch (IllegalArgumentException e) {
            return new RecordView(new RecordView.Event(Optional.empty(), "", "", "", Optional.of(
                    "not a readable DICOM audit message; the original is linked"), List.of(), List.of()),
                    List.of(), Optional.empty(), List.of());
        }
    }

    private static void link(String relation, String url, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("relation", relation);
        out.writeStringField("url", url);
        out.writeEndObject();
    }
}
