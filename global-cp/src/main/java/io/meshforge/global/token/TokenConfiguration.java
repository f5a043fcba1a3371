package io.meshforge.global.token;

import io.meshforge.global.config.ForgeGlobalProperties;
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
import io.meshforge.store.postgres.PostgresChangeFeed;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires zone tokens (on kds-protocol's token primitives), their revocation and the admin token. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TokenConfiguration.class);

  // The feed parameter makes the view loaded before anything verifies against it.
  @Bean
  TokenSigningKeys zoneTokenSigningKeys(
      ResourceStore store, ResourceView view, PostgresChangeFeed feed) {
    return new TokenSigningKeys(store, view, ZoneTokenSecrets.SIGNING_KEY_PREFIX);
  }

  @Bean
  RevokedTokenIds zoneTokenRevocations(ResourceStore store, ResourceView view) {
    return new RevokedTokenIds(store, view, ZoneTokenSecrets.REVOCATIONS);
  }

  @Bean
  ZoneTokenIssuer zoneTokenIssuer(TokenSigningKeys keys) {
    return new ZoneTokenIssuer(new TokenSigner(keys, Clock.systemUTC()));
  }

  @Bean
  ZoneTokenVerifier zoneTokenVerifier(TokenSigningKeys keys, RevokedTokenIds revocations) {
    return new ZoneTokenVerifier(
        new TokenVerifier(keys, revocations, Clock.systemUTC(), "zone token"));
  }

  @Bean
  ZoneTokenAuthenticator zoneTokenAuthenticator(ZoneTokenVerifier verifier) {
    return new ZoneTokenAuthenticator(verifier);
  }

  @Bean
  AdminToken adminToken(ForgeGlobalProperties config) {
    AdminToken token = AdminToken.loadOrCreate(config.state().dir());
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
      AdminToken token, UserTokens userTokens, ForgeGlobalProperties config) {
    boolean localhostIsAdmin = config.api().auth().localhostIsAdmin();
    if (localhostIsAdmin) {
      log.warn("api.auth.localhost-is-admin is on: local requests without a token are the admin");
    }
    return ApiAuthFilter.registration(
        new ApiAuthenticator(token, userTokens, localhostIsAdmin), new ApiAccessRules(Set.of()));
  }
}
