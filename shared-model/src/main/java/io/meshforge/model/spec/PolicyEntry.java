package io.meshforge.model.spec;

/**
 * {@code PolicyEntry} is a {@code to[]}, {@code from[]} or {@code rules[]} entry carrying a {@code
 * default} block of configuration.
 *
 * @param <C> the type of the configuration block
 */
public interface PolicyEntry<C> {
  /** Returns the entry's {@code default} block; {@code null} when it did not bind. */
  C defaults();
}
