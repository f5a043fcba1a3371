package io.meshforge.rest.auth;

import io.meshforge.kds.auth.InvalidTokenException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code ApiAuthenticator} turns a request's {@code Authorization} header into its caller: the
 * admin token (compared in constant time) is the admin, a valid user token is its user; with {@code
 * api.auth.localhost-is-admin} a header-less request from a loopback address is the admin.
 *
 * <p>Thread-safe.
 */
public final class ApiAuthenticator {

  private static final String BEARER = "Bearer ";

  private final AdminToken adminToken;
  private final UserTokens userTokens;
  private final boolean localhostIsAdmin;

  /**
   * @param adminToken the admin token of this control plane
   * @param userTokens this control plane's user tokens
   * @param localhostIsAdmin the local-development knob {@code api.auth.localhost-is-admin}
   */
  public ApiAuthenticator(AdminToken adminToken, UserTokens userTokens, boolean localhostIsAdmin) {
    this.adminToken = adminToken;
    this.userTokens = userTokens;
    this.localhostIsAdmin = localhostIsAdmin;
  }

  /**
   * Returns who sent a request.
   *
   * @param authorization the {@code Authorization} header, or {@code null}
   * @param remoteAddress the peer's IP address literal
   * @throws UnauthenticatedException when the header is missing, not a bearer token, or the token
   *     is neither the admin token nor a valid user token
   */
  public ApiCaller authenticate(String authorization, String remoteAddress)
      throws UnauthenticatedException {
    if (authorization == null || authorization.isBlank()) {
      if (localhostIsAdmin && isLoopback(remoteAddress)) {
        return ApiCaller.admin("localhost");
      }
      throw new UnauthenticatedException(
          "this API needs a token (Authorization: Bearer <token>): the admin token is in the"
              + " file admin-token of the control plane's state directory");
    }
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new UnauthenticatedException("only bearer tokens are accepted (Authorization: Bearer)");
    }
    String presented = authorization.substring(BEARER.length()).trim();
    if (adminToken.matches(presented)) {
      return ApiCaller.admin("admin");
    }
    if (presented.chars().filter(c -> c == '.').count() != 2) {
      // Not a JWT: do not let the verifier's message suggest it was one.
      throw new UnauthenticatedException("the token is neither the admin token nor a user token");
    }
    try {
      return userTokens.verify(presented);
    } catch (InvalidTokenException e) {
      throw new UnauthenticatedException(e.getMessage());
    }
  }

  private static boolean isLoopback(String address) {
    if (address == null || address.isEmpty()) {
      return false;
    }
    // Only IP literals reach here (the servlet container's peer address): no name lookup happens.
    if (!address.matches("[0-9a-fA-F:.%]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
