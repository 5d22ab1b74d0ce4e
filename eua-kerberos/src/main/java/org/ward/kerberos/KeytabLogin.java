package org.ward.kerberos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Logs the service principal in from its keytab with the JDK's {@code Krb5LoginModule}, configured
 * in code (no jaas.conf file, no {@code java.security.auth.login.config}): {@code useKeyTab},
 * {@code storeKey} (the acceptor needs the key), {@code isInitiator=false} (an acceptor never
 * asks the KDC for anything, so Ward starts even when the KDC is down).
 */
final class KeytabLogin {

    private static final String MODULE = "com.sun.security.auth.module.Krb5LoginModule";

    private KeytabLogin() {
    }

    static Subject acceptor(ServicePrincipal principal, Path keytab) throws LoginException {
        if (!Files.isReadable(keytab)) {
            throw new LoginException("keytab " + keytab + " is not readable");
        }
        Map<String, String> options = Map.of(
                "useKeyTab", "true",
                "keyTab", keytab.toAbsolutePath().toString(),
                "storeKey", "true",
                "isInitiator", "false",
                "doNotPrompt", "true",
                "principal", principal.toString());
        Configuration configuration = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {
                    new AppConfigurationEntry(MODULE, AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)
                };
            }
        };
        LoginContext login = new LoginContext("ward-eua-acceptor", new Subject(), null, configuration);
        login.login();
        return login.getSubject();
    }
}
