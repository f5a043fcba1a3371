package io.meshforge.global;

import io.meshforge.global.config.ForgeGlobalProperties;
import io.meshforge.rest.launch.ControlPlaneLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The global control plane.
 *
 * <pre>
 * meshforge-global [run] [--config FILE] [--migrate] [--state-dir DIR]
 * meshforge-global migrate [--config FILE]
 * </pre>
 */
@SpringBootApplication(scanBasePackages = {"io.meshforge.global", "io.meshforge.rest"})
@EnableConfigurationProperties(ForgeGlobalProperties.class)
public class GlobalCpApplication {

  static final ControlPlaneLauncher LAUNCHER =
      new ControlPlaneLauncher("meshforge-global", "the global control plane", ".forge/global", "");

  public static void main(String[] args) {
    start(args);
  }

  /**
   * Starts the control plane as {@code main} does and returns its context ({@code null} when only
   * the usage was printed). The {@code migrate} command returns a closed context.
   */
  public static ConfigurableApplicationContext start(String... args) {
    return LAUNCHER.start(GlobalCpApplication.class, args);
  }
}
