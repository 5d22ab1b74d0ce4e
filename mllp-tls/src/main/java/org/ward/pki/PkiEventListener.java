package org.ward.pki;

/**
 * Told of every facility PKI operation, successful or not, after it finished. An implementation
 * that records it somewhere that can fail (an audit repository) must spool rather than throw: the
 * PKI change has already happened and cannot be undone. If it throws anyway, {@link FacilityPki}
 * logs the change and the error, and the operation still reports its own result.
 */
@FunctionalInterface
public interface PkiEventListener {

    void pkiChanged(PkiChange change);

    /** Logs each change at INFO (failures at WARN) under {@code org.ward.pki.PkiEventLog}. */
    static PkiEventListener logging() {
        return PkiEventLog.INSTANCE;
    }
}
