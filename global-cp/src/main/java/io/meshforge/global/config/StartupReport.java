package io.meshforge.global.config;

import io.meshforge.rest.InstanceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Tells the person who started the CP where to look, once it is ready. */
@Component
class StartupReport implements ApplicationListener<ApplicationReadyEvent> {
  private static final Logger log = LoggerFactory.getLogger(StartupReport.class);
  private final ForgeGlobalProperties config;
  private final InstanceInfo instance;

  StartupReport(ForgeGlobalProperties config, InstanceInfo instance) {
    this.config = config;
    this.instance = instance;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
      return;
    }
    int port = web.getWebServer().getPort();
    String store =
        config.store().postgres().url().isBlank()
            ? "embedded PostgreSQL in " + config.state().dir().toAbsolutePath().resolve("postgres")
            : config.store().postgres().url();
    log.info(
        """

        MeshForge global control plane {} is ready.
          REST API     http://localhost:{}/   (try: curl localhost:{}/meshes)
          Diagnostics  http://localhost:{}/ready  /healthy  /metrics
          Store        {}
        """,
        instance.version(),
        port,
        port,
        config.diagnostics().port(),
        store);
  }
}
