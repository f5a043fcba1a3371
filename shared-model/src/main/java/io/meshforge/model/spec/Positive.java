package io.meshforge.model.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code Positive} marks a number or {@link GoDuration} field that must be greater than zero.
 * Durations without it only need to be non-negative (zero usually means "disabled" in Envoy).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Positive {}
