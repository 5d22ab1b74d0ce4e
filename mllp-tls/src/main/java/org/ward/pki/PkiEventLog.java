package org.ward.pki;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link PkiEventListener#logging()} listener: one log line per PKI change. */
final class PkiEventLog implements PkiEventListener {

    static final PkiEventLog INSTANCE = new PkiEventLog();

    private static final Logger LOG = LoggerFactory.getLogger(PkiEventLog.class);

    private PkiEventLog() {
    }

    @Override
    public void pkiChanged(PkiChange change) {
        String line = describe(change);
        if (change.outcome() == PkiChange.Outcome.SUCCESS) {
            LOG.info("{}", line);
        } else {
            LOG.warn("{}", line);
        }
    }

    static String describe(PkiChange change) {
        StringBuilder text = new StringBuilder("PKI ").append(change.operation()).append(' ')
                .append(change.outcome()).append(" by ").append(change.actor());
        change.serialHex().ifPresent(serial -> text.append(" serial=").append(serial));
        change.subject().ifPresent(subject -> text.append(" subject=\"").append(subject).append('"'));
        change.profile().ifPresent(profile -> text.append(" profile=").append(profile.label()));
        change.reason().ifPresent(reason -> text.append(" reason=").append(reason.asn1Name()));
        change.crlNumber().ifPresent(number -> text.append(" crl-number=").append(number));
        return text.append(": ").append(change.detail()).toString();
    }
}
