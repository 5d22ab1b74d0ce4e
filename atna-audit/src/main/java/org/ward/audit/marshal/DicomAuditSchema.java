package org.ward.audit.marshal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Checks a record against the DICOM PS3.15 A.5 audit schema, {@code dicom2017c.xsd}
 * (from oehf/ipf, see PROVENANCE.md next to it). Used on records Ward writes (tests) and on
 * records the audit repository receives from anyone, so the parser treats its input as hostile:
 * DOCTYPEs are refused (no entity expansion, no external fetches) and secure processing limits
 * apply. Thread-safe.
 */
public final class DicomAuditSchema {

    /** The schema as a class-path resource next to this class. */
    public static final String RESOURCE = "dicom2017c.xsd";

    private static final Schema SCHEMA = load();

    private DicomAuditSchema() {
    }

    /**
     * Returns normally if {@code xml} is a well-formed {@code AuditMessage} valid against the schema.
     *
     * @throws InvalidAuditRecordException otherwise, with the line and column of the first error
     */
    public static void validate(byte[] xml) throws InvalidAuditRecordException {
        Objects.requireNonNull(xml, "xml");
        Reusable reusable = REUSABLE.get();
        try {
            reusable.validator().validate(new SAXSource(reusable.reader(),
                    new InputSource(new ByteArrayInputStream(xml))));
        } catch (SAXParseException e) {
            throw new InvalidAuditRecordException(e.getLineNumber(), e.getColumnNumber(), e.getMessage(), e);
        } catch (SAXException e) {
            throw new InvalidAuditRecordException(-1, -1, e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading an in-memory record failed", e);
        }
    }

    /**
     * A validator and a parser per thread, reused: building them cost about 140 µs of the 180 µs a
     * record took to validate, which capped the audit repository's ingest. Neither is thread-safe.
     * Each validate() starts a new document, also after one that failed half-way; reset() is not
     * called, because on a fresh JDK validator it throws (its security manager is set on first use).
     */
    private record Reusable(Validator validator, XMLReader reader) {
        static Reusable create() {
            try {
                Validator validator = SCHEMA.newValidator();
                validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                return new Reusable(validator, hardenedReader());
            } catch (SAXException e) {
                throw new IllegalStateException("the JDK XML validator lacks a required security property", e);
            }
        }
    }

    private static final ThreadLocal<Reusable> REUSABLE = ThreadLocal.withInitial(Reusable::create);

    private static XMLReader hardenedReader() throws SAXException {
        SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // An audit record never needs a DTD; refusing it rules out entity expansion and XXE.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newSAXParser().getXMLReader();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
    }

    private static Schema load() {
        URL xsd = DicomAuditSchema.class.getResource(RESOURCE);
        if (xsd == null) {
            throw new IllegalStateException("missing class-path resource " + RESOURCE);
        }
        try {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("cannot load " + RESOURCE, e);
        }
    }
}
