package io.meshforge.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code OpenApiCoverage} compares what a running control plane serves with the document it
 * publishes: every concrete mapping (the generic resource mappings, whose paths the document lists
 * per type, and Spring's {@code /error} aside) must be a documented path with its method. Shared
 * with the control-plane modules' tests through this module's test-jar.
 */
public final class OpenApiCoverage {
  /** The generic mappings of {@link ResourceController} and {@link ResourceListController}. */
  private static final Set<String> GENERIC =
      Set.of(
          "/meshes/{mesh}/{path}/{name}",
          "/{path}/{name}",
          "/meshes/{mesh}/{path}",
          "/{path}",
          "/error");

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private OpenApiCoverage() {}

  /** Parses the document a control plane serves. */
  public static JsonNode parse(String document) {
    return YAML.readTree(document);
  }

  /** Returns {@code METHOD path} of every concrete mapping the document lacks. */
  public static List<String> undocumented(ApplicationContext context, JsonNode document) {
    RequestMappingHandlerMapping mapping =
        context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    List<String> missing = new ArrayList<>();
    for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String path : info.getPatternValues()) {
        if (GENERIC.contains(path)) {
          continue;
        }
        JsonNode item = resolve(document, document.path("paths").path(path));
        for (RequestMethod method : methods) {
          if (!item.has(method.name().toLowerCase(Locale.ROOT))) {
            missing.add(method + " " + path);
          }
        }
      }
    }
    return missing;
  }

  private static JsonNode resolve(JsonNode document, JsonNode item) {
    JsonNode ref = item.path("$ref");
    if (!ref.isString()) {
      return item;
    }
    JsonNode target = document;
    for (String part : ref.asString().substring(2).split("/")) {
      target = target.path(part);
    }
    return target;
  }
}
