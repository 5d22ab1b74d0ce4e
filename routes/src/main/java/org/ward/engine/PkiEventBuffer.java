package org.ward.engine;

import java.util.ArrayList;
import java.util.List;
import org.ward.pki.PkiChange;
import org.ward.pki.PkiEventListener;

/**
 * Holds the PKI changes made before the audit trail exists (the development PKI and the audit
 * client certificate the audit repository needs first), logs them at once, and hands them to the
 * trail once it runs.
 */
final class PkiEventBuffer implements PkiEventListener {

    private final List<PkiChange> changes = new ArrayList<>();

    @Override
    public synchronized void pkiChanged(PkiChange change) {
        PkiEventListener.logging().pkiChanged(change);
        changes.add(change);
    }

    synchronized void replayInto(PkiEventListener listener) {
        changes.forEach(listener::pkiChanged);
        changes.clear();
    }
}
