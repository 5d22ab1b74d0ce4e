package org.ward.kerberos;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts one SPNEGO token (RFC 4178) carrying a Kerberos AP-REQ, with the JDK's GSS-API and the
 * service key from a keytab, and nothing else: NTLM is refused by name (ITI-4 §3.4.4.2), a
 * SPNEGO offer whose first mechanism is not Kerberos is refused, and only single round-trip
 * exchanges complete (Kerberos always does). Knows no transport; {@code http} puts it behind
 * HTTP Negotiate.
 *
 * <p>Replay: the JDK checks every authenticator against its replay cache
 * ({@code sun.security.krb5.rcache}: unset = an in-memory cache per JVM, {@code dfl} = MIT's
 * file cache under {@code /var/tmp}). Construction refuses {@code none}.
 *
 * <p>Thread-safe: every call builds its own {@link GSSContext} on a shared acceptor credential.
 */
public final class SpnegoAcceptor {

    private static final Logger LOG = LoggerFactory.getLogger(SpnegoAcceptor.class);
    private static final Oid SPNEGO = oid(NegotiateToken.SPNEGO_OID);
    private static final Oid KERBEROS = oid(NegotiateToken.KERBEROS_OID);
    /** Kerberos error codes (RFC 4120 §7.5.9) the JDK reports as the GSS minor status. */
    private static final int KRB_AP_ERR_TKT_EXPIRED = 32;
    private static final int KRB_AP_ERR_TKT_NYV = 33;
    private static final int KRB_AP_ERR_REPEAT = 34;
    private static final int KRB_AP_ERR_NOT_US = 35;
    private static final int KRB_AP_ERR_SKEW = 37;
    private static final Pattern KRB_ERROR_IN_TEXT = Pattern.compile("\\((\\d{1,3})\\)");

    private final ServicePrincipal principal;
    private final Subject subject;
    private final GSSCredential credential;

    private SpnegoAcceptor(ServicePrincipal principal, Subject subject, GSSCredential credential) {
        this.principal = principal;
        this.subject = subject;
        this.credential = credential;
    }

    /**
     * Logs {@code principal} in from {@code keytab}. Set the JVM's krb5.conf first
     * ({@link Krb5Conf#use}); the acceptor itself never contacts the KDC.
     *
     * @throws LoginException        if the keytab is unreadable or has no key for the principal
     * @throws IllegalStateException if the JDK replay cache is switched off
     */
    public static SpnegoAcceptor login(ServicePrincipal principal, Path keytab) throws LoginException {
        Objects.requireNonNull(principal, "principal");
        if ("none".equals(System.getProperty("sun.security.krb5.rcache"))) {
            throw new IllegalStateException("sun.security.krb5.rcache=none switches the Kerberos replay cache off;"
                    + " Ward refuses to accept tickets without it");
        }
        Subject subject = KeytabLogin.acceptor(principal, keytab);
        if (keys(subject, principal).length == 0) {
            throw new LoginException("keytab " + keytab + " holds no key for " + principal);
        }
        try {
            GSSCredential credential = Subject.doAs(subject, (PrivilegedExceptionAction<GSSCredential>) () -> {
                GSSManager manager = GSSManager.getInstance();
                GSSName name = manager.createName(principal.toString(), GSSName.NT_USER_NAME);
                return manager.createCredential(name, GSSCredential.INDEFINITE_LIFETIME, SPNEGO,
                        GSSCredential.ACCEPT_ONLY);
            });
            return new SpnegoAcceptor(principal, subject, credential);
        } catch (PrivilegedActionException e) {
            LoginException failure = new LoginException("no acceptor credential for " + principal + ": "
                    + e.getCause().getMessage());
            failure.initCause(e.getCause());
            throw failure;
        }
    }

    public ServicePrincipal principal() {
        return principal;
    }

    /** Accepts or refuses one token (the decoded bytes after {@code Negotiate }). */
    public SpnegoOutcome accept(byte[] token) {
        NegotiateToken offer;
        try {
            offer = NegotiateToken.parse(token);
        } catch (IllegalArgumentException e) {
            return SpnegoOutcome.Refused.of(KerberosFailure.MALFORMED_TOKEN, e.getMessage());
        }
        if (offer.prefersNtlm() || (!offer.offersKerberosFirst() && offer.offersNtlm())) {
            return SpnegoOutcome.Refused.of(KerberosFailure.NTLM_OFFERED, "mechanisms offered: " + offer.mechTypes());
        }
        if (!offer.spnego() || !offer.offersKerberosFirst()) {
            return SpnegoOutcome.Refused.of(KerberosFailure.UNSUPPORTED_MECHANISM,
                    (offer.spnego() ? "SPNEGO offering " : "raw GSS token for ") + offer.mechTypes());
        }
        Optional<ServiceTicket> ticket = offer.kerberosApReq().flatMap(SpnegoAcceptor::ticket);
        if (ticket.isEmpty()) {
            return SpnegoOutcome.Refused.of(KerberosFailure.MALFORMED_TOKEN, "no Kerberos AP-REQ in the SPNEGO token");
        }
        // RFC 4120 §3.2.3: a ticket names its server in the clear. One for another service is
        // refused by name before any decryption is tried (KRB_AP_ERR_NOT_US).
        String server = ticket.get().serverPrincipal();
        if (!server.equals(principal.toString())) {
            return SpnegoOutcome.Refused.of(KerberosFailure.WRONG_SERVICE, "ticket for " + server);
        }
        Optional<ServiceTicket.Contents> contents = ticket.get().decrypt(keys(subject, principal));
        Optional<String> claimed = contents.map(ServiceTicket.Contents::client);
        try {
            return Subject.doAs(subject, (PrivilegedExceptionAction<SpnegoOutcome>) () -> establish(token, contents));
        } catch (PrivilegedActionException e) {
            if (e.getCause() instanceof GSSException gss) {
                return new SpnegoOutcome.Refused(classify(gss), claimed, gss.getMessage());
            }
            LOG.warn("SPNEGO acceptor failed unexpectedly", e.getCause());
            return new SpnegoOutcome.Refused(KerberosFailure.ACCEPTOR_ERROR, claimed, String.valueOf(e.getCause()));
        }
    }

    private SpnegoOutcome establish(byte[] token, Optional<ServiceTicket.Contents> contents) throws GSSException {
        GSSContext context = GSSManager.getInstance().createContext(credential);
        try {
            byte[] response = context.acceptSecContext(token, 0, token.length);
            if (!context.isEstablished()) {
                return SpnegoOutcome.Refused.of(KerberosFailure.UNSUPPORTED_MECHANISM,
                        "SPNEGO needs another round trip; only Kerberos in one round trip is accepted");
            }
            if (!KERBEROS.equals(context.getMech())) {
                return SpnegoOutcome.Refused.of(KerberosFailure.UNSUPPORTED_MECHANISM,
                        "negotiated mechanism " + context.getMech());
            }
            String client = context.getSrcName().toString();
            return new SpnegoOutcome.Accepted(client, response == null ? new byte[0] : response,
                    contents.map(ServiceTicket.Contents::endTime));
        } finally {
            context.dispose();
        }
    }

    /** Maps the JDK's error to a failure kind: the Kerberos error code if it gave one, else the GSS major code. */
    static KerberosFailure classify(GSSException e) {
        switch (kerberosErrorCode(e)) {
            case KRB_AP_ERR_TKT_EXPIRED:
                return KerberosFailure.EXPIRED_TICKET;
            case KRB_AP_ERR_REPEAT:
                return KerberosFailure.REPLAY;
            case KRB_AP_ERR_NOT_US:
                return KerberosFailure.WRONG_SERVICE;
            case KRB_AP_ERR_SKEW:
                return KerberosFailure.CLOCK_SKEW;
            case KRB_AP_ERR_TKT_NYV:
                return KerberosFailure.BAD_TICKET;
            default:
                break;
        }
        return switch (e.getMajor()) {
            case GSSException.DUPLICATE_TOKEN, GSSException.OLD_TOKEN -> KerberosFailure.REPLAY;
            case GSSException.CREDENTIALS_EXPIRED, GSSException.CONTEXT_EXPIRED -> KerberosFailure.EXPIRED_TICKET;
            case GSSException.BAD_MECH -> KerberosFailure.UNSUPPORTED_MECHANISM;
            case GSSException.DEFECTIVE_TOKEN, GSSException.BAD_MIC, GSSException.DEFECTIVE_CREDENTIAL,
                    GSSException.NO_CRED, GSSException.FAILURE -> KerberosFailure.BAD_TICKET;
            default -> KerberosFailure.ACCEPTOR_ERROR;
        };
    }

    /**
     * The Kerberos error code behind a GSS failure. The JDK's Kerberos mechanism sets it as the
     * minor status, but its SPNEGO wrapper replaces the code and keeps only the text
     * ("Mechanism level: Request is a replay (34)"), so the text is read as well.
     */
    static int kerberosErrorCode(GSSException e) {
        Matcher m = KRB_ERROR_IN_TEXT.matcher(String.valueOf(e.getMessage()));
        int code = e.getMinor();
        while (m.find()) {
            code = Integer.parseInt(m.group(1));
        }
        return code;
    }

    private static Optional<ServiceTicket> ticket(byte[] apReq) {
        try {
            return Optional.of(ServiceTicket.of(apReq));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static KerberosKey[] keys(Subject subject, ServicePrincipal principal) {
        Set<KeyTab> keytabs = subject.getPrivateCredentials(KeyTab.class);
        KerberosPrincipal name = new KerberosPrincipal(principal.toString());
        return keytabs.stream().flatMap(k -> java.util.Arrays.stream(k.getKeys(name))).toArray(KerberosKey[]::new);
    }

    private static Oid oid(String dotted) {
        try {
            return new Oid(dotted);
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
