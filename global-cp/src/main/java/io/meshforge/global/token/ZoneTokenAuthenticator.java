package io.meshforge.global.token;

import io.grpc.Metadata;
import io.meshforge.kds.transport.KdsHeaders;
import io.meshforge.kds.transport.ZoneAuthenticationException;
import io.meshforge.kds.transport.ZoneAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ZoneTokenAuthenticator} authenticates a KDS call by its zone token ({@link KdsHeaders}):
 * the token must verify ({@link ZoneTokenVerifier}) and its zone must be the zone the caller
 * claims. It only reads; nothing is created for a caller it refuses.
 */
public final class ZoneTokenAuthenticator implements ZoneAuthenticator {

  private static final Logger log = LoggerFactory.getLogger(ZoneTokenAuthenticator.class);

  private final ZoneTokenVerifier verifier;

  public ZoneTokenAuthenticator(ZoneTokenVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public String authenticate(Metadata headers) throws ZoneAuthenticationException {
    String claimed = headers.get(KdsHeaders.ZONE);
    if (claimed == null || claimed.isBlank()) {
      throw new ZoneAuthenticationException("the kds-zone header naming the zone is required");
    }
    String token =
        KdsHeaders.bearerToken(headers)
            .orElseThrow(() -> new ZoneAuthenticationException("a zone token is required"));
    ZoneTokenVerifier.VerifiedToken verified;
    try {
      verified = verifier.verify(token);
    } catch (InvalidZoneTokenException e) {
      log.info("KDS call claiming zone {} refused: {}", claimed, e.getMessage());
      throw new ZoneAuthenticationException(e.getMessage());
    }
    if (!verified.zone().equals(claimed)) {
      log.warn(
          "KDS call claiming zone {} refused: its token is for zone {}", claimed, verified.zone());
      throw new ZoneAuthenticationException("the zone token is for another zone than " + claimed);
    }
    return verified.zone();
  }
}
