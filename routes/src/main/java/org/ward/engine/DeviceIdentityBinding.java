package org.ward.engine;

import ca.uhn.hl7v2.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.ward.config.ListenerConfig;
import org.ward.hl7.Hl7Problem;
import org.ward.profile.ClaimedDevice;
import org.ward.tls.PeerIdentity;

/**
 * The cross-layer check of {@code bind-device-identity}: every device EUI-64 a message claims
 * (MSH-3, OBX-18) must be vouched for by the certificate that authenticated the TLS session. A
 * device certificate vouches for the EUI-64 in its subjectAltName ({@code urn:dev:mac:}, RFC 9039);
 * a gateway certificate for the devices configured for its subject; any other certificate for none.
 * Without this, a compromised device could report observations in another device's name.
 */
final class DeviceIdentityBinding {

    private final Map<X500Principal, Set<String>> gateways;

    DeviceIdentityBinding(ListenerConfig listener) {
        this.gateways = listener.gatewayDevices().entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(e -> new X500Principal(e.getKey()), Map.Entry::getValue));
    }

    /** The EUI-64s {@code peer} may speak for. */
    Set<String> vouchedFor(PeerIdentity peer) {
        Optional<String> own = peer.deviceEui64();
        if (own.isPresent()) {
            return Set.of(own.get());
        }
        return gateways.getOrDefault(new X500Principal(peer.subject()), Set.of());
    }

    /** The first claim the peer cannot vouch for; empty when all match. */
    Optional<ClaimedDevice> firstUnvouched(PeerIdentity peer, List<ClaimedDevice> claims) {
        Set<String> allowed = vouchedFor(peer);
        return claims.stream().filter(claim -> !allowed.contains(claim.eui64())).findFirst();
    }

    /** The first claim the peer cannot vouch for, as the problem to answer with; empty when all match. */
    Optional<Hl7Problem> check(PeerIdentity peer, List<ClaimedDevice> claims) {
        return firstUnvouched(peer, claims).map(DeviceIdentityBinding::problem);
    }

    /** ERR 103 at the field naming the device; the text names the field, not the value. */
    static Hl7Problem problem(ClaimedDevice claim) {
        return Hl7Problem.error(ErrorCode.TABLE_VALUE_NOT_FOUND, claim.where(), "Device identifier in "
                + claim.where().segment() + "-" + claim.where().field()
                + " is not the one the sender's certificate authenticates");
    }
}
