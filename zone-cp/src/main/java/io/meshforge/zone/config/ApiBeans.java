package io.meshforge.zone.config;

import io.meshforge.rest.ApiSettings;
import io.meshforge.rest.ControlPlaneIdentity;
import io.meshforge.rest.EffectiveConfig;
import io.meshforge.rest.InstanceInfo;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What the shared REST API needs to know about the zone control plane. */
@Configuration(proxyBeanMethods = false)
class ApiBeans {
  static final String MASK = "*****";

  @Bean
  ApiSettings apiSettings(ForgeZoneProperties config) {
    return new ApiSettings(config.api().body().limit());
  }

  @Bean
  ControlPlaneIdentity controlPlaneIdentity(InstanceInfo instance) {
    return new ControlPlaneIdentity(
        "zone", instance.version(), instance.hostname(), instance.instanceId());
  }

  /** The bound configuration with the state dir made absolute and passwords masked. */
  @Bean
  EffectiveConfig effectiveConfig(ForgeZoneProperties config) {
    JsonMapper json = JsonMapper.builder().build();
    return () -> {
      ObjectNode tree = json.valueToTree(config);
      ((ObjectNode) tree.get("state")).put("dir", config.stateDir().toAbsolutePath().toString());
      ObjectNode postgres = (ObjectNode) tree.get("store").get("postgres");
      if (!config.store().postgres().password().isEmpty()) {
        postgres.put("password", MASK);
      }
      postgres.put("poll", config.store().postgres().poll().toString());
      ObjectNode kds = (ObjectNode) tree.get("zone").get("kds");
      kds.put("heartbeat", config.zone().kds().heartbeat().toString());
      kds.put("timeout", config.zone().kds().timeout().toString());
      kds.put("deadline", config.zone().kds().deadline().toString());
      kds.put("backoff", config.zone().kds().backoff().toString());
      kds.put("retry", config.zone().kds().retry().toString());
      kds.put("debounce", config.zone().kds().debounce().toString());
      ObjectNode dataplaneTokens = (ObjectNode) tree.get("tokens").get("dataplane");
      dataplaneTokens.put("validity", config.tokens().dataplane().validity().toString());
      dataplaneTokens.put("check", config.tokens().dataplane().check().toString());
      ((ObjectNode) tree.get("bootstrap").get("fetch"))
          .put("timeout", config.bootstrap().fetch().timeout().toString());
      return tree;
    };
  }
}
