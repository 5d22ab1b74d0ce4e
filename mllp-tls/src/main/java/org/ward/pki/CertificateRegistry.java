package org.ward.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every certificate the issuing CA signed, kept as {@code issued.csv} (RFC 4180) in the PKI
 * directory: one row per certificate, in issue order, rewritten atomically on every change. It is
 * what the CRL is built from, so a certificate must be registered before its key leaves the CA.
 *
 * <pre>
 * serial,name,subject,eui64,profile,not-before,not-after,status,revoked-at,reason
 * 5B0C…,monitor-7,"CN=monitor-7,SERIALNUMBER=0123456789abcdef",0123456789abcdef,device,2025-…Z,2027-…Z,valid,,
 * </pre>
 */
final class CertificateRegistry {

    static final List<String> COLUMNS = List.of("serial", "name", "subject", "eui64", "profile", "not-before",
            "not-after", "status", "revoked-at", "reason");

    private final Path file;

    CertificateRegistry(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** Every record, in issue order; none when the file does not exist yet. */
    List<IssuedCertificate> list() throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !Csv.parse(lines.get(0)).equals(COLUMNS)) {
            throw new PkiException(file + ":1: expected the header " + String.join(",", COLUMNS));
        }
        List<IssuedCertificate> records = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            try {
                records.add(parse(Csv.parse(lines.get(i))));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new PkiException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(records);
    }

    Optional<IssuedCertificate> find(BigInteger serial) throws IOException {
        return list().stream().filter(r -> r.serial().equals(serial)).findFirst();
    }

    void add(IssuedCertificate record) throws IOException {
        List<IssuedCertificate> records = new ArrayList<>(list());
        for (IssuedCertificate existing : records) {
            if (existing.serial().equals(record.serial())) {
                throw new PkiException("Serial " + record.serialHex() + " is already registered (" + existing.name()
                        + "); serials must be unique per CA (RFC 5280 §4.1.2.2)");
            }
        }
        records.add(record);
        write(records);
    }

    /** Replaces the record with the same serial. */
    void update(IssuedCertificate record) throws IOException {
        List<IssuedCertificate> records = new ArrayList<>(list());
        boolean found = false;
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).serial().equals(record.serial())) {
                records.set(i, record);
                found = true;
            }
        }
        if (!found) {
            throw new PkiException("No certificate with serial " + record.serialHex() + " in " + file);
        }
        write(records);
    }

    private void write(List<IssuedCertificate> records) throws IOException {
        StringBuilder csv = new StringBuilder(Csv.format(COLUMNS));
        for (IssuedCertificate record : records) {
            csv.append(Csv.format(List.of(
                    record.serialHex(),
                    record.name(),
                    record.subject(),
                    record.eui64().map(Eui64::hex).orElse(""),
                    record.profile().label(),
                    record.notBefore().toString(),
                    record.notAfter().toString(),
                    record.status().label(),
                    record.revocation().map(r -> r.time().toString()).orElse(""),
                    record.revocation().map(r -> r.reason().asn1Name()).orElse(""))));
        }
        NewFiles.replace(file, csv.toString().getBytes(StandardCharsets.UTF_8), NewFiles.OWNER_ONLY_FILE);
    }

    private static IssuedCertificate parse(List<String> fields) {
        if (fields.size() != COLUMNS.size()) {
            throw new IllegalArgumentException("expected " + COLUMNS.size() + " fields, got " + fields.size());
        }
        String status = fields.get(7);
        Optional<Revocation> revocation;
        if (status.equals(CertificateStatus.REVOKED.label())) {
            revocation = Optional.of(new Revocation(Instant.parse(fields.get(8)),
                    RevocationReason.parse(fields.get(9))));
        } else if (status.equals(CertificateStatus.VALID.label())) {
            revocation = Optional.empty();
        } else {
            throw new IllegalArgumentException("status must be valid or revoked, got \"" + status + "\"");
        }
        return new IssuedCertificate(
                IssuedCertificate.parseSerial(fields.get(0)),
                fields.get(1),
                fields.get(2),
                fields.get(3).isEmpty() ? Optional.empty() : Optional.of(new Eui64(fields.get(3))),
                CertificateProfile.parse(fields.get(4)),
                Instant.parse(fields.get(5)),
                Instant.parse(fields.get(6)),
                revocation);
    }

    /** RFC 4180 records on one line each: Ward never writes CR or LF inside a field. */
    static final class Csv {

        private Csv() {
        }

        static String format(List<String> fields) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                String field = fields.get(i);
                if (field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
                    throw new IllegalArgumentException("A registry field cannot hold a line break");
                }
                if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0) {
                    line.append('"').append(field.replace("\"", "\"\"")).append('"');
                } else {
                    line.append(field);
                }
            }
            return line.append('\n').toString();
        }

        static List<String> parse(String line) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            int i = 0;
            while (true) {
                if (i < line.length() && line.charAt(i) == '"') {
                    i++;
                    while (true) {
                        if (i >= line.length()) {
                            throw new IllegalArgumentException("unterminated quoted field");
                        }
                        char c = line.charAt(i++);
                        if (c == '"') {
                            if (i < line.length() && line.charAt(i) == '"') {
                                field.append('"');
                                i++;
                            } else {
                                break;
                            }
                        } else {
                            field.append(c);
                        }
                    }
                    if (i < line.length() && line.charAt(i) != ',') {
                        throw new IllegalArgumentException("text after a closing quote at column " + (i + 1));
                    }
                } else {
                    while (i < line.length() && line.charAt(i) != ',') {
                        field.append(line.charAt(i++));
                    }
                }
                fields.add(field.toString());
                field.setLength(0);
                if (i >= line.length()) {
                    return fields;
                }
                i++; // the comma
            }
        }
    }
}
