package org.ward.kerberos;

import java.security.PrivilegedExceptionAction;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/** A Kerberos client in pure Java: a password login (JAAS, no files) and SPNEGO initiator tokens. */
public final class GssClient {

    private final Subject subject;

    private GssClient(Subject subject) {
        this.subject = subject;
    }

    /** Gets a TGT for {@code principal} with {@code password} from the KDC of the JVM's krb5.conf. */
    public static GssClient login(String principal, char[] password) throws Exception {
        Map<String, String> options = Map.of("useTicketCache", "false", "isInitiator", "true",
                "storeKey", "false", "principal", principal, "refreshKrb5Config", "false");
        Configuration configuration = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(
                        "com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
        LoginContext login = new LoginContext("test-client", new Subject(), (Callback[] callbacks) -> {
            for (Callback c : callbacks) {
                if (c instanceof NameCallback n) {
                    n.setName(principal);
                } else if (c instanceof PasswordCallback p) {
                    p.setPassword(password);
                }
            }
        }, configuration);
        login.login();
        return new GssClient(login.getSubject());
    }

    /** A fresh SPNEGO token (Kerberos AP-REQ inside, mutual authentication requested) for {@code HTTP@host}. */
    public byte[] spnegoToken(String service, String host) throws Exception {
        return Subject.doAs(subject, (PrivilegedExceptionAction<byte[]>) () -> {
            GSSManager manager = GSSManager.getInstance();
            GSSName target = manager.createName(service + "@" + host, GSSName.NT_HOSTBASED_SERVICE);
            GSSContext context = manager.createContext(target, new Oid(NegotiateToken.SPNEGO_OID), null,
                    GSSContext.DEFAULT_LIFETIME);
            context.requestMutualAuth(true);
            context.requestCredDeleg(false);
            byte[] token = context.initSecContext(new byte[0], 0, 0);
            context.dispose();
            return token;
        });
    }

    public byte[] httpToken(String host) throws Exception {
        return spnegoToken("HTTP", host);
    }
}
