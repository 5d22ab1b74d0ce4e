package org.ward.kerberos;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import javax.security.auth.kerberos.KerberosKey;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.type.ap.ApReq;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;

/**
 * The service ticket inside an AP-REQ (RFC 4120 §5.3), read with Apache Kerby's ASN.1 and crypto.
 * The JDK's GSS acceptor validates the ticket but exposes neither its end time
 * ({@code GSSContext.getLifetime()} is {@code INDEFINITE_LIFETIME} on the acceptor, and
 * {@code ExtendedGSSContext} offers only {@code KRB5_GET_AUTHTIME}), so the ticket's
 * {@code EncTicketPart} is decrypted a second time here with the same keytab key
 * (key usage 2, RFC 4120 §7.5.1). It is only read after, or to explain, the JDK's decision.
 */
final class ServiceTicket {

    private final Ticket ticket;

    private ServiceTicket(Ticket ticket) {
        this.ticket = ticket;
    }

    static ServiceTicket of(byte[] apReq) throws IOException {
        ApReq request = new ApReq();
        request.decode(apReq);
        if (request.getTicket() == null || request.getTicket().getSname() == null) {
            throw new IOException("AP-REQ without a ticket");
        }
        return new ServiceTicket(request.getTicket());
    }

    /** The server name in the clear part of the ticket, {@code HTTP/host@REALM}. */
    String serverPrincipal() {
        return ticket.getSname().getName() + "@" + ticket.getRealm();
    }

    /** Decrypts the ticket with the matching key of {@code keys}; empty if none matches or it fails. */
    Optional<Contents> decrypt(KerberosKey[] keys) {
        EncryptedData sealed = ticket.getEncryptedEncPart();
        for (KerberosKey key : keys) {
            if (key.getKeyType() != sealed.getEType().getValue()
                    || (sealed.getKvno() > 0 && key.getVersionNumber() != sealed.getKvno())) {
                continue;
            }
            try {
                byte[] plain = EncryptionHandler.decrypt(sealed,
                        new EncryptionKey(EncryptionType.fromValue(key.getKeyType()), key.getEncoded()),
                        KeyUsage.KDC_REP_TICKET);
                EncTicketPart part = new EncTicketPart();
                part.decode(plain);
                return Optional.of(new Contents(part.getCname().getName() + "@" + part.getCrealm(),
                        Instant.ofEpochMilli(part.getEndTime().getTime())));
            } catch (KrbException | IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** What the encrypted part says: who the ticket was issued to and until when. */
    record Contents(String client, Instant endTime) {
    }
}
