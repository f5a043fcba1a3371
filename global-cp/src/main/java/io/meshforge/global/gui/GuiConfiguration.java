package io.meshforge.global.gui;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Maps {@code /gui} and {@code /gui/**} to {@link GuiFiles}.
 *
 * <p>Why a handler mapping of its own, ordered ahead of the annotated controllers, rather than a
 * plain static-resource location: the REST API's catch-all patterns {@code /{plural}} and {@code
 * /{plural}/{name}} would otherwise claim {@code /gui} and {@code /gui/app.js} (and answer "unknown
 * resource type"). Being outside the controller mappings also keeps the GUI out of the OpenAPI
 * coverage check, which is about the API only.
 */
@Configuration(proxyBeanMethods = false)
class GuiConfiguration {

  @Bean
  SimpleUrlHandlerMapping guiHandlerMapping() {
    GuiFiles files = new GuiFiles(GuiFiles.CLASSPATH_FOLDER);
    SimpleUrlHandlerMapping mapping =
        new SimpleUrlHandlerMapping(Map.of("/gui", files, "/gui/**", files));
    mapping.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    return mapping;
  }
}
