package io.meshforge.kds.transport;

import io.grpc.Metadata;

/**
 * {@code ZoneAuthenticator} decides who is calling at KDS call open (a zone token check in
 * global-cp). The zone name it returns is the only zone identity KDS uses: names in payloads are
 * never trusted.
 */
@FunctionalInterface
public interface ZoneAuthenticator {

  /**
   * Returns the authenticated zone name.
   *
   * @throws ZoneAuthenticationException when the caller has no valid credential
   */
  String authenticate(Metadata headers) throws ZoneAuthenticationException;
}
