package io.meshforge.global.config;

import io.meshforge.rest.ApiSettings;
import io.meshforge.rest.ControlPlaneIdentity;
import io.meshforge.rest.EffectiveConfig;
import io.meshforge.rest.InstanceInfo;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What the shared REST API needs to know about the global control plane. */
@Configuration(proxyBeanMethods = false)
class ApiBeans {
  static final String MASK = "*****";

  @Bean
  ApiSettings apiSettings(ForgeGlobalProperties config) {
    return new ApiSettings(config.api().body().limit());
  }

  @Bean
  ControlPlaneIdentity controlPlaneIdentity(InstanceInfo instance) {
    return new ControlPlaneIdentity(
        "global", instance.version(), instance.hostname(), instance.instanceId());
  }

  /** The bound configuration with the state dir made absolute and passwords masked. */
  @Bean
  EffectiveConfig effectiveConfig(ForgeGlobalProperties config) {
    JsonMapper json = JsonMapper.builder().build();
    return () -> {
      ObjectNode tree = json.valueToTree(config);
      ((ObjectNode) tree.get("state")).put("dir", config.state().dir().toAbsolutePath().toString());
      ObjectNode postgres = (ObjectNode) tree.get("store").get("postgres");
      if (!config.store().postgres().password().isEmpty()) {
        postgres.put("password", MASK);
      }
      postgres.put("poll", config.store().postgres().poll().toString());
      return tree;
    };
  }
}
