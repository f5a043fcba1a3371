package io.meshforge.model.validation;

import io.meshforge.model.spec.PolicyEntry;
import io.meshforge.model.spec.PolicySpec;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Visits the {@code default} block of every {@code to[]}, {@code from[]} and {@code rules[]} entry.
 */
final class PolicyDefaults {
  private PolicyDefaults() {}

  /**
   * Calls {@code check} with each bound {@code default} block of type {@code confType} and the path
   * of that block ({@code to[0].default}, ...).
   */
  static <C> void each(
      PolicySpec spec,
      Class<C> confType,
      ViolationCollector at,
      BiConsumer<C, ViolationCollector> check) {
    visit("to", spec.to(), confType, at, check);
    visit("from", spec.from(), confType, at, check);
    visit("rules", spec.rules(), confType, at, check);
  }

  private static <C> void visit(
      String section,
      List<?> entries,
      Class<C> confType,
      ViolationCollector at,
      BiConsumer<C, ViolationCollector> check) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i) instanceof PolicyEntry<?> entry && confType.isInstance(entry.defaults())) {
        check.accept(confType.cast(entry.defaults()), at.field(section).index(i).field("default"));
      }
    }
  }
}
