package io.meshforge.model.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code Range} bounds an integer spec field (both ends inclusive).
 *
 * <p>Integer fields without it must be non-negative: every number in Kuma's schemas is an unsigned
 * count, size, port or percentage.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Range {
  /** The smallest accepted value. */
  long min() default 0;

  /** The largest accepted value. */
  long max() default Long.MAX_VALUE;
}
