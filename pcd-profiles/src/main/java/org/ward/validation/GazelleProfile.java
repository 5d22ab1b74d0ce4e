package org.ward.validation;

import ca.uhn.hl7v2.conf.ProfileException;
import ca.uhn.hl7v2.conf.parser.ProfileParser;
import ca.uhn.hl7v2.conf.spec.RuntimeProfile;
import ca.uhn.hl7v2.conf.spec.message.StaticDef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An IHE Gazelle HL7 v2 conformance profile shipped on the class path (see
 * {@code gazelle/PROVENANCE.md}), parsed once. The parsed {@link StaticDef} is only read afterwards,
 * so one instance serves all threads.
 *
 * <p>HAPI's {@link ProfileParser} parses with DTD validation switched on and no error handler, so
 * the JDK's default handler prints "Error: … Document is invalid: no grammar found" to stderr for
 * each profile: noise (the profiles carry no DOCTYPE, and external DTDs and entities are not
 * loaded), but an operator reads it as a failure at every start. What the parsing thread prints
 * while it parses is therefore dropped ({@link #parseQuietly}); other threads print as usual.
 *
 * @param label      how problem texts name the profile, e.g. "IHE PCD-01 profile"
 * @param definition the profile's message-level static definition
 */
record GazelleProfile(String label, StaticDef definition) {

    GazelleProfile {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(definition, "definition");
    }

    /** Loads {@code gazelle/<fileName>} next to this class; failing is a packaging error. */
    static GazelleProfile load(String fileName, String label) {
        String resource = "gazelle/" + fileName;
        try (InputStream in = GazelleProfile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Conformance profile missing from the class path: " + resource);
            }
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new GazelleProfile(label, parseQuietly(xml).getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Conformance profile cannot be read: " + resource, e);
        } catch (ProfileException e) {
            throw new IllegalStateException("Conformance profile cannot be parsed: " + resource, e);
        }
    }

    /** HAPI's parse, with what this thread prints to stderr meanwhile dropped (see above). */
    private static RuntimeProfile parseQuietly(String xml) throws ProfileException {
        Thread parsing = Thread.currentThread();
        PrintStream stderr = System.err;
        PrintStream filtered = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (Thread.currentThread() != parsing) {
                    stderr.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                if (Thread.currentThread() != parsing) {
                    stderr.write(bytes, offset, length);
                }
            }

            @Override
            public void flush() {
                stderr.flush();
            }
        }, true);
        synchronized (GazelleProfile.class) {
            System.setErr(filtered);
            try {
                return new ProfileParser(false).parse(xml);
            } finally {
                System.setErr(stderr);
            }
        }
    }
}
