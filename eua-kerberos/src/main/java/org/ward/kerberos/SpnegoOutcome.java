package org.ward.kerberos;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What one {@code Authorization: Negotiate} token came to. */
public sealed interface SpnegoOutcome {

    /**
     * The client proved to be {@code principal}.
     *
     * @param principal     the client's Kerberos name, {@code user@REALM}
     * @param responseToken the SPNEGO accept-completed token with the Kerberos AP-REP (mutual
     *                      authentication, RFC 4559 §5), to return in {@code WWW-Authenticate}
     * @param ticketEnd     the service ticket's end time, read from the decrypted ticket; empty
     *                      if it could not be read (then no session may outlive this request)
     */
    record Accepted(String principal, byte[] responseToken, Optional<Instant> ticketEnd) implements SpnegoOutcome {
        public Accepted {
            Objects.requireNonNull(principal, "principal");
            responseToken = responseToken.clone();
            Objects.requireNonNull(ticketEnd, "ticketEnd");
        }

        @Override
        public byte[] responseToken() {
            return responseToken.clone();
        }
    }

    /**
     * The token was refused.
     *
     * @param failure          why, for the response and the audit record
     * @param claimedPrincipal the client named in a ticket we could decrypt (e.g. a replay or an
     *                         expired ticket), for the audit record; empty otherwise
     * @param detail           the underlying error for the log (GSS-API message), never token bytes
     */
    record Refused(KerberosFailure failure, Optional<String> claimedPrincipal, String detail) implements SpnegoOutcome {
        public Refused {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(claimedPrincipal, "claimedPrincipal");
            Objects.requireNonNull(detail, "detail");
        }

        static Refused of(KerberosFailure failure, String detail) {
            return new Refused(failure, Optional.empty(), detail);
        }
    }
}
