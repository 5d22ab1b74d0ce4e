package org.ward.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What happens to the clinical exchange when an audit record cannot be spooled. */
public enum AuditFailurePolicy {
    /** Keep exchanging messages (alarms keep flowing); the failure is logged at ERROR and counted. */
    CONTINUE,
    /** Refuse the exchange that could not be audited. */
    REFUSE;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AuditFailurePolicy> ofConfigName(String name) {
        return Arrays.stream(values()).filter(p -> p.configName().equals(name)).findFirst();
    }
}
