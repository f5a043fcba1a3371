package io.meshforge.zone.config;

import io.meshforge.model.validation.ResourceNames;
import org.springframework.stereotype.Component;

/**
 * The validated name of this zone: required, and a valid resource name (it becomes the value of
 * {@code kuma.io/zone} and the name of the Zone on global).
 */
@Component
public class ZoneName {
  private final String value;

  public ZoneName(ForgeZoneProperties config) {
    String name = config.zone().name();
    if (name.isBlank()) {
      throw new IllegalStateException(
          "zone.name is required: set FORGE_ZONE_NAME or zone.name in the --config file");
    }
    if (!ResourceNames.isValid(name)) {
      throw new IllegalStateException(
          "zone.name '"
              + name
              + "' is not a valid name: lower-case letters, digits, '-' and '.', at most "
              + ResourceNames.MAX_LENGTH
              + " characters");
    }
    this.value = name;
  }

  /** Returns the zone's name. */
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
