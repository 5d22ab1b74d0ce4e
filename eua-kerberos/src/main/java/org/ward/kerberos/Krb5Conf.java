package org.ward.kerberos;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one krb5.conf of this JVM. The JDK's Kerberos reads its configuration once per process
 * from the system property {@code java.security.krb5.conf} (then {@code /etc/krb5.conf}) and
 * keeps it; there is no public way to give one acceptor its own file. So Ward sets the property
 * once, at start-up, before anything touches Kerberos, and refuses a second, different file
 * rather than silently using the first.
 */
public final class Krb5Conf {

    public static final String PROPERTY = "java.security.krb5.conf";

    private Krb5Conf() {
    }

    /**
     * Makes {@code file} this JVM's Kerberos configuration.
     *
     * @throws IllegalArgumentException if the file is not readable
     * @throws IllegalStateException    if the JVM already uses another file
     */
    public static synchronized void use(Path file) {
        Path wanted = file.toAbsolutePath().normalize();
        if (!Files.isReadable(wanted) || Files.isDirectory(wanted)) {
            throw new IllegalArgumentException("krb5.conf " + wanted + " is not a readable file");
        }
        String current = System.getProperty(PROPERTY);
        if (current == null) {
            System.setProperty(PROPERTY, wanted.toString());
        } else if (!Path.of(current).toAbsolutePath().normalize().equals(wanted)) {
            throw new IllegalStateException("this JVM already uses the Kerberos configuration " + current
                    + " (" + PROPERTY + "); the JDK reads one krb5.conf per process, so " + wanted
                    + " cannot be used as well");
        }
    }
}
