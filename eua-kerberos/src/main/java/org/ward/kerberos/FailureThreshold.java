package org.ward.kerberos;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed logins per client address in a sliding window and says when one address goes
 * beyond {@code maxFailures}: once per window, so a password-guessing run raises one Security
 * Alert per window rather than one per try. Remembers at most {@code maxAddresses} addresses
 * (the least recently failing are forgotten first), so a scan from many addresses cannot
 * exhaust memory.
 */
public final class FailureThreshold {

    private final int maxFailures;
    private final Duration window;
    private final int maxAddresses;
    private final Map<InetAddress, Entry> byAddress;

    private static final class Entry {
        final Deque<Instant> times = new ArrayDeque<>();
        Instant alertedAt;
    }

    /**
     * @param maxFailures failures from one address tolerated within {@code window}; the next one alerts
     * @param window      how far back failures count
     */
    public FailureThreshold(int maxFailures, Duration window, int maxAddresses) {
        if (maxFailures < 1 || window.isNegative() || window.isZero() || maxAddresses < 1) {
            throw new IllegalArgumentException("threshold needs maxFailures >= 1, a positive window and maxAddresses >= 1");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.maxAddresses = maxAddresses;
        this.byAddress = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Five failures in five minutes; the sixth alerts. */
    public static FailureThreshold defaults() {
        return new FailureThreshold(5, Duration.ofMinutes(5), 10_000);
    }

    /** Records one failure at {@code now}; true when this one goes beyond the threshold (and no alert was raised in this window). */
    public synchronized boolean failed(InetAddress address, Instant now) {
        Entry entry = byAddress.computeIfAbsent(address, a -> new Entry());
        if (byAddress.size() > maxAddresses) {
            Iterator<InetAddress> eldest = byAddress.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        Instant from = now.minus(window);
        while (!entry.times.isEmpty() && entry.times.peekFirst().isBefore(from)) {
            entry.times.removeFirst();
        }
        entry.times.addLast(now);
        if (entry.times.size() > maxFailures) {
            entry.times.removeFirst();
            if (entry.alertedAt == null || entry.alertedAt.isBefore(from)) {
                entry.alertedAt = now;
                return true;
            }
        }
        return false;
    }

    public int maxFailures() {
        return maxFailures;
    }

    public Duration window() {
        return window;
    }
}
