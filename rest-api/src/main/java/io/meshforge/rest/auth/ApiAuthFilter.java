package io.meshforge.rest.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ApiAuthFilter} guards every request of a control plane's REST API port (ADR 0024, S7): it
 * asks {@link ApiAccessRules} what the request needs, lets anonymous paths through, and otherwise
 * authenticates the caller ({@link ApiAuthenticator}): no or a bad token answers 401 with {@code
 * WWW-Authenticate: Bearer}, a caller that is not allowed 403, both with the usual error body
 * {@code {title, details}}. The caller is left in the request attribute {@link
 * ApiCaller#REQUEST_ATTRIBUTE}. Tokens are never logged.
 *
 * <p>The diagnostics port is a separate server without this filter, so {@code /ready}, {@code
 * /healthy} and {@code /metrics} stay anonymous.
 */
public final class ApiAuthFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(ApiAuthFilter.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ApiAuthenticator authenticator;
  private final ApiAccessRules rules;

  /**
   * @param authenticator tells who a request comes from
   * @param rules tells what a request needs
   */
  public ApiAuthFilter(ApiAuthenticator authenticator, ApiAccessRules rules) {
    this.authenticator = authenticator;
    this.rules = rules;
  }

  /**
   * Returns the filter registered for every path, ahead of the application's own filters; both
   * control planes declare it as a bean.
   */
  public static FilterRegistrationBean<ApiAuthFilter> registration(
      ApiAuthenticator authenticator, ApiAccessRules rules) {
    FilterRegistrationBean<ApiAuthFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthFilter(authenticator, rules));
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = pathOf(request);
    ApiAccess needed = rules.required(request.getMethod(), path);
    if (needed == ApiAccess.ANONYMOUS) {
      chain.doFilter(request, response);
      return;
    }
    ApiCaller caller;
    try {
      caller =
          authenticator.authenticate(request.getHeader("Authorization"), request.getRemoteAddr());
    } catch (UnauthenticatedException e) {
      log.debug("401 for {} {}: {}", request.getMethod(), path, e.getMessage());
      response.setHeader("WWW-Authenticate", "Bearer");
      refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", e.getMessage());
      return;
    }
    if (needed == ApiAccess.ADMIN && !caller.isAdmin()) {
      log.debug("403 for {} {} by user {}", request.getMethod(), path, caller.name());
      refuse(
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "Forbidden",
          "user "
              + caller.name()
              + " may not "
              + request.getMethod()
              + " "
              + path
              + ": secrets, token issuing and Envoy admin data need the admin (group "
              + ApiCaller.ADMIN_GROUP
              + ")");
      return;
    }
    request.setAttribute(ApiCaller.REQUEST_ATTRIBUTE, caller);
    chain.doFilter(request, response);
  }

  /**
   * The decoded, normalised path the handler mapping sees (servlet path plus path info), not the
   * raw request URI, so encodings cannot make a path look different to this filter.
   */
  private static String pathOf(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    return path.isEmpty() ? "/" : path;
  }

  private static void refuse(HttpServletResponse response, int status, String title, String details)
      throws IOException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("title", title);
    body.put("details", details);
    response.setStatus(status);
    response.setContentType("application/json");
    response.getOutputStream().write(JSON.writeValueAsBytes(body));
  }
}
