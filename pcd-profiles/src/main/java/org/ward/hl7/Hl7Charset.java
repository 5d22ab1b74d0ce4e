package org.ward.hl7;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Optional;

/**
 * HL7 table 0211 (alternate character sets, MSH-18, HL7 v2.6 §2.15.9.18) mapped to Java charsets.
 * Only ASCII-compatible encodings are listed: MSH-18 has to be readable before the charset is
 * known, so UTF-16/32 cannot be announced in-band over MLLP.
 */
public enum Hl7Charset {
    ASCII("ASCII", "US-ASCII"),
    ISO_8859_1("8859/1", "ISO-8859-1"),
    ISO_8859_2("8859/2", "ISO-8859-2"),
    ISO_8859_3("8859/3", "ISO-8859-3"),
    ISO_8859_4("8859/4", "ISO-8859-4"),
    ISO_8859_5("8859/5", "ISO-8859-5"),
    ISO_8859_6("8859/6", "ISO-8859-6"),
    ISO_8859_7("8859/7", "ISO-8859-7"),
    ISO_8859_8("8859/8", "ISO-8859-8"),
    ISO_8859_9("8859/9", "ISO-8859-9"),
    ISO_8859_15("8859/15", "ISO-8859-15"),
    UTF_8("UNICODE UTF-8", "UTF-8"),
    GB_18030("GB 18030-2000", "GB18030"),
    KS_X_1001("KS X 1001", "EUC-KR"),
    BIG_5("BIG-5", "Big5");

    private final String table0211Code;
    private final String javaName;

    Hl7Charset(String table0211Code, String javaName) {
        this.table0211Code = table0211Code;
        this.javaName = javaName;
    }

    /** The value as it appears in MSH-18. */
    public String code() {
        return table0211Code;
    }

    public Charset charset() {
        return Charset.forName(javaName);
    }

    public static Optional<Hl7Charset> ofCode(String msh18) {
        return Arrays.stream(values()).filter(c -> c.table0211Code.equals(msh18)).findFirst();
    }
}
