package org.ward.store;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who sent a message, as its TLS client certificate says.
 *
 * @param subject       the certificate subject DN
 * @param serialHex     the certificate serial number, lower-case hexadecimal
 * @param deviceEui64   the device EUI-64 (16 lower-case hex digits) of a device certificate, or null
 */
public record Sender(String subject, String serialHex, String deviceEui64) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,64}");
    private static final Pattern EUI64 = Pattern.compile("[0-9a-f]{16}");

    public Sender {
        Fields.required(subject, "sender subject", 1024);
        Fields.required(serialHex, "sender serial", 64);
        if (!HEX.matcher(serialHex).matches()) {
            throw new IllegalArgumentException("sender serial is not lower-case hexadecimal");
        }
        if (deviceEui64 != null && !EUI64.matcher(deviceEui64).matches()) {
            throw new IllegalArgumentException("sender device is not an EUI-64 (16 lower-case hex digits)");
        }
    }

    public static Sender of(String subject, String serialHex) {
        return new Sender(subject, serialHex, null);
    }

    public Sender withDevice(String eui64) {
        return new Sender(subject, serialHex, eui64);
    }

    public Optional<String> device() {
        return Optional.ofNullable(deviceEui64);
    }
}
