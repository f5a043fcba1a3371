package io.meshforge.global.zone;

import io.meshforge.model.store.ResourceView;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /global-insight}: counts over everything global knows (meshes, zones online/total,
 * dataplanes online/total, services, policies, resources per type), see {@link GlobalInsight}.
 */
@RestController
class GlobalInsightController {

  private final GlobalInsight insight;

  GlobalInsightController(ResourceView view, ZoneInsights insights) {
    this.insight = new GlobalInsight(view, insights::online, Clock.systemUTC());
  }

  @GetMapping(path = "/global-insight", produces = MediaType.APPLICATION_JSON_VALUE)
  String globalInsight() {
    return insight.now().toString();
  }
}
