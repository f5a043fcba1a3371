package io.meshforge.rest.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code AdminTokenFilter} protects {@code /tokens/**}: the request must carry {@code
 * Authorization: Bearer <admin token>}; otherwise 401 with the usual error body. (Full API
 * authentication, deny by default everywhere, is a later issue.)
 */
public final class AdminTokenFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final AdminToken adminToken;

  /** Guards {@code /tokens/**} with {@code adminToken}. */
  public AdminTokenFilter(AdminToken adminToken) {
    this.adminToken = adminToken;
  }

  /**
   * Returns the filter registered for {@code /tokens} and {@code /tokens/*}, ahead of the
   * application's own filters; both control planes declare it as a bean.
   */
  public static FilterRegistrationBean<AdminTokenFilter> registration(AdminToken adminToken) {
    FilterRegistrationBean<AdminTokenFilter> registration =
        new FilterRegistrationBean<>(new AdminTokenFilter(adminToken));
    registration.addUrlPatterns("/tokens", "/tokens/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !(path.equals("/tokens") || path.startsWith("/tokens/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    String presented =
        header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
            ? header.substring(BEARER.length()).trim()
            : null;
    if (adminToken.matches(presented)) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Bearer");
    response.setContentType("application/json");
    response
        .getOutputStream()
        .write(
            ("{\"title\":\"Unauthorized\",\"details\":\"token endpoints need the admin token"
                    + " (Authorization: Bearer, see admin-token in the state directory)\"}\n")
                .getBytes(StandardCharsets.UTF_8));
  }
}
