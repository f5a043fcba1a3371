package io.meshforge.model.validation;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * {@code Elements} visits the elements of a bound list with their paths, skipping elements the
 * schema walker already rejected (bound as {@code null}).
 */
final class Elements {

  private Elements() {}

  static <T> void each(
      List<T> list, ViolationCollector at, BiConsumer<T, ViolationCollector> rule) {
    for (int i = 0; i < list.size(); i++) {
      T element = list.get(i);
      if (element != null) {
        rule.accept(element, at.index(i));
      }
    }
  }

  /** Counts the non-null arguments, for "set exactly one of" rules. */
  static int countSet(Object... values) {
    int count = 0;
    for (Object value : values) {
      if (value != null) {
        count++;
      }
    }
    return count;
  }
}
