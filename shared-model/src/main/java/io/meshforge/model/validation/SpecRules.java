package io.meshforge.model.validation;

/**
 * {@code SpecRules} checks what a schema cannot say about one type's spec: cross-field rules,
 * allowed targetRef kinds, regexes, references between fields.
 *
 * <p>It runs on the record bound by {@link SchemaWalker}, in which values that failed schema checks
 * are {@code null} (list elements too), so every rule must be null-safe.
 *
 * @param <T> the spec record class
 */
interface SpecRules<T> {

  /**
   * Records every violation of the type's rules.
   *
   * @param spec the bound spec, never {@code null}
   * @param at positioned at the spec ({@code spec} for wrapped types, the root for inline ones)
   */
  void check(T spec, ViolationCollector at);
}
