package org.ward.audit.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An immutable byte string, for the values the schema types {@code xs:base64Binary}
 * ({@code ParticipantObjectDetail/@value}, {@code ParticipantObjectQuery}). {@link #toString()}
 * shows only the length: these bytes may be PHI (a query naming a patient).
 */
public final class Octets {

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Octets of(byte[] bytes) {
        return new Octets(Objects.requireNonNull(bytes, "bytes").clone());
    }

    /** The UTF-8 encoding of {@code text}. */
    public static Octets utf8(String text) {
        return new Octets(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** Base64 (RFC 4648 §4, with padding), the lexical form of {@code xs:base64Binary}. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Octets o && Arrays.equals(bytes, o.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Octets[" + bytes.length + " bytes]";
    }
}
