package io.meshforge.model.policy;

import io.meshforge.model.ResourceKey;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * {@code SectionEntry} is one entry of a matching policy's {@code to[]}, {@code from[]} or {@code
 * rules[]} section, remembered with the policy it came from.
 *
 * <p>Immutable: the accessors for trees hand out copies.
 *
 * @param policy the key of the policy the entry belongs to
 * @param targetRef the entry's {@code targetRef}; a missing node for {@code rules[]} entries
 * @param conf the entry's {@code default} block; a missing node when it has none
 */
public record SectionEntry(ResourceKey policy, JsonNode targetRef, JsonNode conf) {

  /** Checks the key and takes private copies of the trees. */
  public SectionEntry {
    Objects.requireNonNull(policy, "policy");
    targetRef = targetRef == null ? MissingNode.getInstance() : targetRef.deepCopy();
    conf = conf == null ? MissingNode.getInstance() : conf.deepCopy();
  }

  /**
   * Returns a copy of the entry's targetRef.
   *
   * @return the targetRef, a missing node when the entry has none
   */
  @Override
  public JsonNode targetRef() {
    return targetRef.deepCopy();
  }

  /**
   * Returns a copy of the entry's {@code default} block.
   *
   * @return the block, a missing node when the entry has none
   */
  @Override
  public JsonNode conf() {
    return conf.deepCopy();
  }

  /** Returns the targetRef without copying, for matching inside this package. */
  JsonNode targetRefView() {
    return targetRef;
  }

  /** Returns the block without copying, for merging inside this package. */
  JsonNode confView() {
    return conf;
  }
}
