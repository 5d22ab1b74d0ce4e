package org.ward.policy;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.ward.tls.PeerIdentity;

/**
 * Gives roles to the nodes whose verified certificate matches every stated attribute. Subject,
 * issuer and EUI-64 are glob patterns ({@code *} any run of characters, {@code ?} one); the serial
 * is exact hexadecimal; the profile is what Ward's PKI issued the certificate as.
 */
public record NodeBinding(Optional<String> subject, Optional<String> issuer, Optional<String> serial,
                          Optional<String> eui64, Optional<NodeProfile> profile, Set<String> roles, SourceLine source) {

    public NodeBinding {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        serial = serial.map(s -> s.replace(":", "").toLowerCase(Locale.ROOT).replaceFirst("^0+(?=.)", ""));
        eui64 = eui64.map(e -> e.toLowerCase(Locale.ROOT));
        Objects.requireNonNull(profile, "profile");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(source, "source");
        if (subject.isEmpty() && issuer.isEmpty() && serial.isEmpty() && eui64.isEmpty() && profile.isEmpty()) {
            throw new IllegalArgumentException("a node binding must match on at least one certificate attribute");
        }
    }

    public boolean matches(PeerIdentity peer) {
        return matcher().test(peer);
    }

    /**
     * The binding as a test with its glob patterns compiled once; the policy keeps these, since every
     * inbound message asks which roles its sender holds.
     */
    java.util.function.Predicate<PeerIdentity> matcher() {
        Optional<Pattern> subjectPattern = subject.map(NodeBinding::glob);
        Optional<Pattern> issuerPattern = issuer.map(NodeBinding::glob);
        Optional<Pattern> eui64Pattern = eui64.map(NodeBinding::glob);
        return peer -> subjectPattern.map(p -> p.matcher(peer.subject()).matches()).orElse(true)
                && issuerPattern.map(p -> p.matcher(peer.issuer()).matches()).orElse(true)
                && serial.map(s -> s.equals(peer.serial().toString(16))).orElse(true)
                && eui64Pattern.map(p -> peer.deviceEui64().map(e -> p.matcher(e).matches()).orElse(false)).orElse(true)
                && profile.map(p -> p == NodeProfile.of(peer)).orElse(true);
    }

    /** A glob as a regular expression: only {@code *} and {@code ?} are special. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
