package io.meshforge.zone;

import io.meshforge.rest.launch.ControlPlaneLauncher;
import io.meshforge.zone.config.ForgeZoneProperties;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The zone control plane.
 *
 * <pre>
 * meshforge-zone [run] [--config FILE] [--migrate] [--state-dir DIR]
 * meshforge-zone migrate [--config FILE]
 * </pre>
 */
@SpringBootApplication(scanBasePackages = {"io.meshforge.zone", "io.meshforge.rest"})
@EnableConfigurationProperties(ForgeZoneProperties.class)
public class ZoneCpApplication {

  static final ControlPlaneLauncher LAUNCHER =
      new ControlPlaneLauncher(
          "meshforge-zone",
          "the zone control plane",
          ".forge/zone-<zone.name>",
          """
          Required: zone.name (FORGE_ZONE_NAME). To federate: zone.global.address
          (FORGE_ZONE_GLOBAL_ADDRESS, e.g. grpcs://global.example:5685), zone.global.ca and
          zone.token (files).
          """);

  public static void main(String[] args) {
    start(args);
  }

  /**
   * Starts the control plane as {@code main} does and returns its context ({@code null} when only
   * the usage was printed). The {@code migrate} command returns a closed context.
   */
  public static ConfigurableApplicationContext start(String... args) {
    return LAUNCHER.start(ZoneCpApplication.class, args);
  }
}
