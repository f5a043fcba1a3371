package io.meshforge.model.policy;

import io.meshforge.model.ResourceKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** {@code Confs} merges {@code default} blocks of section entries into an effective conf. */
final class Confs {

  private Confs() {}

  /** Whether a {@code default} block is there to merge: absent and {@code null} blocks are not. */
  static boolean isPresent(JsonNode conf) {
    return conf != null && !conf.isMissingNode() && !conf.isNull();
  }

  /** Merges the present blocks of the entries, in list order. */
  static EffectiveConf merge(List<SectionEntry> entriesInOrder) {
    List<JsonNode> patches = new ArrayList<>();
    Set<ResourceKey> contributors = new LinkedHashSet<>();
    for (SectionEntry entry : entriesInOrder) {
      if (isPresent(entry.confView())) {
        patches.add(entry.confView());
        contributors.add(entry.policy());
      }
    }
    return new EffectiveConf(JsonMergePatch.mergeAll(patches), List.copyOf(contributors));
  }
}
