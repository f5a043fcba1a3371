package io.meshforge.global.token;

import io.meshforge.global.config.ForgeGlobalProperties;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.store.postgres.PostgresChangeFeed;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires zone tokens, their revocation and the admin token. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TokenConfiguration.class);

  // The feed parameter makes the view loaded before anything verifies against it.
  @Bean
  ZoneTokenSigningKeys zoneTokenSigningKeys(
      ResourceStore store, ResourceView view, PostgresChangeFeed feed) {
    return new ZoneTokenSigningKeys(store, view);
  }

  @Bean
  TokenRevocations tokenRevocations(ResourceStore store, ResourceView view) {
    return new TokenRevocations(store, view);
  }

  @Bean
  ZoneTokenIssuer zoneTokenIssuer(ZoneTokenSigningKeys keys) {
    return new ZoneTokenIssuer(keys, Clock.systemUTC());
  }

  @Bean
  ZoneTokenVerifier zoneTokenVerifier(ZoneTokenSigningKeys keys, TokenRevocations revocations) {
    return new ZoneTokenVerifier(keys, revocations, Clock.systemUTC());
  }

  @Bean
  ZoneTokenAuthenticator zoneTokenAuthenticator(ZoneTokenVerifier verifier) {
    return new ZoneTokenAuthenticator(verifier);
  }

  @Bean
  AdminToken adminToken(ForgeGlobalProperties config) {
    AdminToken token = AdminToken.loadOrCreate(config.state().dir());
    log.info("Admin token for /tokens/** is in {}", token.file());
    return token;
  }

  @Bean
  FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AdminToken token) {
    FilterRegistrationBean<AdminTokenFilter> registration =
        new FilterRegistrationBean<>(new AdminTokenFilter(token));
    registration.addUrlPatterns("/tokens", "/tokens/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
