package io.meshforge.model.policy;

import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code JsonMergePatch} applies RFC 7386 JSON merge patches to Jackson trees: objects merge field
 * by field, every other value (arrays included) replaces what was there, and a {@code null} in the
 * patch deletes the field.
 *
 * <p>Neither argument is ever modified and the result shares no node with them, so callers may
 * keep, hand out and mutate results freely. Stateless and thread-safe.
 */
public final class JsonMergePatch {

  private JsonMergePatch() {}

  /**
   * Returns {@code patch} applied to {@code target} as RFC 7386 defines it.
   *
   * @param target the document to patch; {@code null} or a missing node count as absent
   * @param patch the merge patch; {@code null} or a missing node leave the target unchanged
   * @return a new tree; {@code null} only when both arguments are absent
   */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (isAbsent(patch)) {
      return isAbsent(target) ? null : target.deepCopy();
    }
    return applyToOwned(isAbsent(target) ? null : target.deepCopy(), patch);
  }

  /**
   * Patches {@code owned}, a tree this class created and nobody else sees, in place where it can;
   * the patch is only read, and every node taken from it is copied.
   */
  private static JsonNode applyToOwned(JsonNode owned, JsonNode patch) {
    if (!patch.isObject()) {
      // A non-object patch (an array, a scalar or null itself) replaces the target wholesale.
      return patch.deepCopy();
    }
    ObjectNode result =
        owned != null && owned.isObject()
            ? (ObjectNode) owned
            : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      JsonNode value = field.getValue();
      if (value.isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), applyToOwned(result.get(field.getKey()), value));
      }
    }
    return result;
  }

  /**
   * Applies the patches one after another to an empty object: the last patch wins.
   *
   * @param patches the patches in merge order; {@code null} and missing entries are skipped
   * @return a new tree, an empty object when there is nothing to merge
   */
  public static JsonNode mergeAll(Iterable<? extends JsonNode> patches) {
    Objects.requireNonNull(patches, "patches");
    JsonNode result = JsonNodeFactory.instance.objectNode();
    for (JsonNode patch : patches) {
      if (!isAbsent(patch)) {
        result = applyToOwned(result, patch);
      }
    }
    return result;
  }

  private static boolean isAbsent(JsonNode node) {
    return node == null || node.isMissingNode();
  }
}
