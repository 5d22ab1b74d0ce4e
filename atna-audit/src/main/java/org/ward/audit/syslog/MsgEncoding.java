package org.ward.audit.syslog;

/**
 * How the XML audit message is put into the syslog MSG part.
 *
 * <p>RFC 5424 §6.4: a MSG in UTF-8 SHOULD be MSG-UTF8, i.e. start with the BOM {@code EF BB BF};
 * without it the MSG is MSG-ANY, whose encoding the receiver must guess. ITI-20 §3.20.4.1.2
 * fixes the MSG as the UTF-8 XML audit message but (as far as we could check) does not settle the
 * BOM either way; IPF, the widely deployed ITI-20 sender, writes the BOM, and rsyslog, syslog-ng and
 * ATNA repositories accept both. Ward therefore follows the RFC by default and lets an operator
 * turn the BOM off for a repository that chokes on it.
 */
public enum MsgEncoding {
    /** MSG-UTF8: BOM, then the UTF-8 XML (RFC 5424 §6.4 SHOULD). The default. */
    UTF8_WITH_BOM,
    /** MSG-ANY: the UTF-8 XML bytes alone. */
    UTF8_WITHOUT_BOM
}
