package io.meshforge.zone.ca;

import io.meshforge.ca.LeafCertificateIssuer;
import io.meshforge.ca.LeafSettings;
import io.meshforge.ca.MeshCaSource;
import io.meshforge.ca.RotatingLeafCertificates;
import io.meshforge.ca.SealException;
import io.meshforge.ca.SecretSeal;
import io.meshforge.ca.SecretsKey;
import io.meshforge.ca.StoredMeshCas;
import io.meshforge.model.store.ResourceView;
import io.meshforge.zone.config.ForgeZoneProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires builtin mTLS on the zone: {@link MeshCaSource} over the zone's view (where KDS puts the
 * Meshes and the sealed CA Secrets), and {@link RotatingLeafCertificates} for the xDS generators.
 *
 * <p>Without a secrets key the zone still starts (meshes without mTLS work); asking for the CA of
 * an mTLS mesh then fails with a {@link SealException} naming the missing key.
 */
@Configuration(proxyBeanMethods = false)
class ZoneMeshCaConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ZoneMeshCaConfiguration.class);

  @Bean
  MeshCaSource meshCaSource(ResourceView view, ForgeZoneProperties config) {
    ForgeZoneProperties.Secrets secrets = config.secrets();
    Path file =
        secrets.key().isBlank() ? config.stateDir().resolve("secrets.key") : Path.of(secrets.key());
    if (secrets.key().isBlank() && !Files.exists(file)) {
      log.warn(
          "no secrets key (secrets.key, or {}): meshes with builtin mTLS cannot get certificates"
              + " until global's key file is given to this zone",
          file.toAbsolutePath());
      return mesh -> {
        throw new SealException(
            "no secrets key on this zone (secrets.key): cannot open the CA of mesh " + mesh);
      };
    }
    SecureRandom random = new SecureRandom();
    SecretsKey key = SecretsKey.load(file);
    List<SecretsKey> previous =
        secrets.previous().stream()
            .filter(name -> !name.isBlank())
            .map(name -> SecretsKey.load(Path.of(name.strip())))
            .toList();
    log.info("secrets key {} from {}", key.id(), file.toAbsolutePath());
    return new StoredMeshCas(view::get, new SecretSeal(key, previous, random));
  }

  @Bean
  RotatingLeafCertificates leafCertificates(MeshCaSource cas, ForgeZoneProperties config) {
    ForgeZoneProperties.Certificate certificate = config.mtls().certificate();
    return new RotatingLeafCertificates(
        cas,
        new LeafCertificateIssuer(new SecureRandom()),
        new LeafSettings(certificate.ttl(), certificate.renew()),
        Clock.systemUTC());
  }
}
