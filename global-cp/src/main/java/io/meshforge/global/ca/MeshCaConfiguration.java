package io.meshforge.global.ca;

import io.meshforge.ca.MeshCaGenerator;
import io.meshforge.ca.SecretSeal;
import io.meshforge.ca.SecretsKey;
import io.meshforge.global.config.ForgeGlobalProperties;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.store.postgres.PostgresChangeFeed;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the builtin mesh CA: the secrets key ({@code secrets.key}, by default {@code
 * <state.dir>/secrets.key} created at first start), the seal, the provisioner and its watcher.
 */
@Configuration(proxyBeanMethods = false)
class MeshCaConfiguration {
  private static final Logger log = LoggerFactory.getLogger(MeshCaConfiguration.class);

  @Bean
  SecretSeal secretSeal(ForgeGlobalProperties config) {
    SecureRandom random = new SecureRandom();
    ForgeGlobalProperties.Secrets secrets = config.secrets();
    Path file =
        secrets.key().isBlank()
            ? config.state().dir().resolve("secrets.key")
            : Path.of(secrets.key());
    SecretsKey key =
        secrets.key().isBlank() ? SecretsKey.loadOrCreate(file, random) : SecretsKey.load(file);
    List<SecretsKey> previous =
        secrets.previous().stream()
            .filter(name -> !name.isBlank())
            .map(name -> SecretsKey.load(Path.of(name.strip())))
            .toList();
    log.info(
        "secrets key {} from {}: give zones the same file (secrets.key) so they can use mesh CAs",
        key.id(),
        file.toAbsolutePath());
    return new SecretSeal(key, previous, random);
  }

  @Bean
  MeshCaProvisioner meshCaProvisioner(ResourceStore store, SecretSeal seal) {
    return new MeshCaProvisioner(store, MeshCaGenerator.systemDefault(), seal);
  }

  // Takes the change feed so that the watcher starts only once the view is loaded.
  @Bean(destroyMethod = "close")
  MeshCaWatcher meshCaWatcher(
      ResourceView view, PostgresChangeFeed feed, MeshCaProvisioner provisioner) {
    return new MeshCaWatcher(view, provisioner);
  }
}
