package io.meshforge.zone.kds;

import io.meshforge.zone.config.ForgeZoneProperties;
import io.meshforge.zone.config.ZoneName;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /zone/status}: this zone's link to global (leader, connection attempts, global's store
 * epoch and held deletions). {@code POST /zone/epoch/confirm?epoch=ID}: accept global's new store
 * epoch after it changed (F12); the zone resyncs and applies the held deletions.
 */
@RestController
class ZoneStatusController {
  private final String zone;
  private final ForgeZoneProperties config;
  private final EpochGuard epoch;
  private final ZoneKdsLifecycle kds;

  ZoneStatusController(
      ZoneName zone, ForgeZoneProperties config, EpochGuard epoch, ZoneKdsLifecycle kds) {
    this.zone = zone.value();
    this.config = config;
    this.epoch = epoch;
    this.kds = kds;
  }

  @GetMapping("/zone/status")
  Map<String, Object> status() {
    Map<String, Object> global = new LinkedHashMap<>();
    global.put("address", config.zone().global().address());
    global.put("leader", kds.runner().map(KdsClientRunner::running).orElse(false));
    global.put("attempts", kds.runner().map(KdsClientRunner::attempts).orElse(0));
    EpochGuard.Status e = epoch.status();
    Map<String, Object> epochs = new LinkedHashMap<>();
    epochs.put("state", e.state().name());
    epochs.put("trusted", e.trusted());
    epochs.put("advertised", e.advertised());
    epochs.put("heldDeletions", e.heldDeletions());
    if (e.action() != null) {
      epochs.put("action", e.action());
    }
    global.put("epoch", epochs);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("zone", zone);
    body.put("global", global);
    return body;
  }

  @PostMapping("/zone/epoch/confirm")
  ResponseEntity<Map<String, Object>> confirm(@RequestParam("epoch") String confirmed) {
    try {
      if (!epoch.confirm(confirmed)) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
            .body(
                Map.of(
                    "title", "Nothing to confirm",
                    "details", "global's store epoch has not changed"));
      }
    } catch (IllegalArgumentException e) {
      return ResponseEntity.badRequest()
          .body(Map.of("title", "Wrong epoch", "details", e.getMessage()));
    }
    return ResponseEntity.ok(Map.of("confirmed", confirmed));
  }
}
