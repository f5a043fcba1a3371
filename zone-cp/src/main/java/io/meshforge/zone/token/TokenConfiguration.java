package io.meshforge.zone.token;

import io.meshforge.kds.auth.RevokedTokenIds;
import io.meshforge.kds.auth.TokenSigner;
import io.meshforge.kds.auth.TokenSigningKeys;
import io.meshforge.kds.auth.TokenVerifier;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.rest.auth.AdminToken;
import io.meshforge.rest.auth.ApiAccessRules;
import io.meshforge.rest.auth.ApiAuthFilter;
import io.meshforge.rest.auth.ApiAuthenticator;
import io.meshforge.rest.auth.UserTokens;
import io.meshforge.zone.config.ForgeZoneProperties;
import io.meshforge.zone.xds.XdsComponents;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires dataplane tokens: keys and revocations as GlobalSecrets in the zone's own store (shared by
 * every zone-cp instance on one PostgreSQL), issuing, verification, the xDS authenticator, the
 * periodic re-check of connected proxies' tokens, and the admin token guarding {@code /tokens/**}.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TokenConfiguration.class);

  @Bean
  TokenSigningKeys dataplaneTokenSigningKeys(ResourceStore store, ResourceView view) {
    return new TokenSigningKeys(store, view, DataplaneTokenSecrets.SIGNING_KEY_PREFIX);
  }

  @Bean
  RevokedTokenIds dataplaneTokenRevocations(ResourceStore store, ResourceView view) {
    return new RevokedTokenIds(store, view, DataplaneTokenSecrets.REVOCATIONS);
  }

  @Bean
  DataplaneTokenIssuer dataplaneTokenIssuer(TokenSigningKeys keys) {
    return new DataplaneTokenIssuer(new TokenSigner(keys, Clock.systemUTC()));
  }

  @Bean
  DataplaneTokenVerifier dataplaneTokenVerifier(
      TokenSigningKeys keys, RevokedTokenIds revocations) {
    return new DataplaneTokenVerifier(
        new TokenVerifier(keys, revocations, Clock.systemUTC(), "dataplane token"));
  }

  @Bean
  OpenProxyTokens openProxyTokens(DataplaneTokenVerifier verifier) {
    return new OpenProxyTokens(verifier);
  }

  @Bean
  DataplaneTokenAuthenticator dataplaneTokenAuthenticator(
      DataplaneTokenVerifier verifier, ResourceStore store, OpenProxyTokens open) {
    return new DataplaneTokenAuthenticator(verifier, store, open);
  }

  /** Re-checks connected proxies' tokens every {@code tokens.dataplane.check}. */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService dataplaneTokenChecker(OpenProxyTokens open, ForgeZoneProperties config) {
    ScheduledExecutorService checker =
        Executors.newSingleThreadScheduledExecutor(runnable ->
            Thread.ofPlatform().name("dataplane-token-check").daemon().unstarted(runnable));
    long period = Math.max(1, config.tokens().dataplane().check().toMillis());
    checker.scheduleWithFixedDelay(open::recheck, period, period, TimeUnit.MILLISECONDS);
    return checker;
  }

  /** S6: closes the streams of proxies whose token was revoked (ADR 0015). */
  @Bean(destroyMethod = "close")
  RevokedStreamCloser revokedStreamCloser(OpenProxyTokens open, XdsComponents xds) {
    return new RevokedStreamCloser(open, xds.connectedProxies());
  }

  @Bean
  AdminToken adminToken(ForgeZoneProperties config) {
    AdminToken token = AdminToken.loadOrCreate(config.stateDir());
    log.info("Admin token for the REST API is in {}", token.file());
    return token;
  }

  @Bean
  UserTokens userTokens(ResourceStore store, ResourceView view) {
    return new UserTokens(store, view, Clock.systemUTC());
  }

  /** Deny by default on the REST API port (ADR 0024). */
  @Bean
  FilterRegistrationBean<ApiAuthFilter> apiAuthFilter(
      AdminToken token, UserTokens userTokens, ForgeZoneProperties config) {
    boolean localhostIsAdmin = config.api().auth().localhostIsAdmin();
    if (localhostIsAdmin) {
      log.warn("api.auth.localhost-is-admin is on: local requests without a token are the admin");
    }
    return ApiAuthFilter.registration(
        new ApiAuthenticator(token, userTokens, localhostIsAdmin),
        new ApiAccessRules(Set.of("/bootstrap")));
  }
}
