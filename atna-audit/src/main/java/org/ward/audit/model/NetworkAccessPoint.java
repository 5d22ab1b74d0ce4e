package org.ward.audit.model;

import java.net.InetAddress;
import java.util.Objects;
import org.ward.audit.codes.NetworkAccessPointType;

/**
 * {@code NetworkAccessPointID} with its {@code NetworkAccessPointTypeCode} (DICOM PS3.15 A.5.1):
 * the two attributes only make sense together.
 */
public record NetworkAccessPoint(String id, NetworkAccessPointType type) {

    public NetworkAccessPoint {
        Checks.requireText(id, "NetworkAccessPointID");
        Objects.requireNonNull(type, "NetworkAccessPointTypeCode");
    }

    /** Type 1, a machine name including DNS name. */
    public static NetworkAccessPoint machineName(String name) {
        return new NetworkAccessPoint(name, NetworkAccessPointType.MACHINE_NAME);
    }

    /** Type 2, an IP address literal. */
    public static NetworkAccessPoint ipAddress(String literal) {
        return new NetworkAccessPoint(literal, NetworkAccessPointType.IP_ADDRESS);
    }

    /** Type 2 from an address; never does a DNS lookup. */
    public static NetworkAccessPoint ipAddress(InetAddress address) {
        return ipAddress(Objects.requireNonNull(address, "address").getHostAddress());
    }

    /** Type 5, a URI. */
    public static NetworkAccessPoint uri(String uri) {
        return new NetworkAccessPoint(uri, NetworkAccessPointType.URI);
    }
}
