package io.meshforge.model.policy;

import io.meshforge.model.ResourceKey;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code EffectiveConf} is the configuration that results from merging the {@code default} blocks
 * of the matching policies, together with the policies that contributed to it.
 *
 * <p>Immutable: the tree is private and {@link #conf()} hands out a copy.
 *
 * @param conf the merged configuration; an empty object when nothing contributed
 * @param contributors the keys of the contributing policies in merge order (lowest priority first),
 *     each once, at its first contribution
 */
public record EffectiveConf(JsonNode conf, List<ResourceKey> contributors) {

  /** Checks the arguments and takes private copies of them. */
  public EffectiveConf {
    Objects.requireNonNull(conf, "conf");
    conf = conf.deepCopy();
    contributors = List.copyOf(contributors);
  }

  /**
   * Returns the configuration of no policy at all: an empty object and no contributors.
   *
   * @return the empty configuration
   */
  public static EffectiveConf empty() {
    return new EffectiveConf(JsonNodeFactory.instance.objectNode(), List.of());
  }

  /**
   * Returns a copy of the merged configuration, which the caller may change.
   *
   * @return the merged configuration
   */
  @Override
  public JsonNode conf() {
    return conf.deepCopy();
  }

  /**
   * Returns whether no policy contributed.
   *
   * @return {@code true} when there are no contributors
   */
  public boolean isEmpty() {
    return contributors.isEmpty();
  }
}
