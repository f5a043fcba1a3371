package io.meshforge.kds.naming;

import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * {@code SyncedNames} computes the deterministic name a resource gets when KDS copies it to another
 * control plane: {@code <displayName>-<suffix>}, where the suffix is a 64-bit FNV-1a hash over the
 * mesh, the display name and the origin zone, written as 16 characters of a consonant/digit
 * alphabet (no vowels, so a suffix never spells a word). The whole name stays within {@value
 * #MAX_NAME_LENGTH} characters by shortening the display-name part.
 *
 * <p>The same inputs give the same name on every control plane, so a zone's MeshService keeps one
 * name on global and in every other zone. Types whose names must stay as written ({@code Mesh},
 * {@code Secret}, {@code GlobalSecret}) are exempt.
 */
public final class SyncedNames {

  /** Longest name a resource may have (DNS subdomain). */
  public static final int MAX_NAME_LENGTH = 253;

  /** Length of the hash suffix. */
  public static final int SUFFIX_LENGTH = 16;

  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final Set<ResourceType> EXEMPT =
      Set.of(ResourceTypes.MESH, ResourceTypes.SECRET, ResourceTypes.GLOBAL_SECRET);

  private SyncedNames() {}

  /** Returns {@code true} for types that keep their name when synced. */
  public static boolean exempt(ResourceType type) {
    return EXEMPT.contains(type);
  }

  /**
   * Returns the synced name of a resource.
   *
   * @param mesh the mesh, {@code ""} for global-scoped types
   * @param displayName the name the user gave the resource
   * @param zone the origin zone, {@code ""} for global-origin resources
   */
  public static String syncedName(String mesh, String displayName, String zone) {
    String suffix = suffix(mesh, displayName, zone);
    int maxBase = MAX_NAME_LENGTH - SUFFIX_LENGTH - 1;
    String base = displayName.length() > maxBase ? displayName.substring(0, maxBase) : displayName;
    return base + "-" + suffix;
  }

  /** Returns the 16-character hash suffix over mesh, display name and zone. */
  public static String suffix(String mesh, String displayName, String zone) {
    long hash = FNV_OFFSET;
    // NUL separators keep ("ab", "c") and ("a", "bc") apart.
    for (String part : new String[] {mesh, displayName, zone}) {
      for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
        hash = (hash ^ (b & 0xff)) * FNV_PRIME;
      }
      hash *= FNV_PRIME; // XOR with the 0 separator is a no-op; multiply still mixes it in
    }
    char[] out = new char[SUFFIX_LENGTH];
    long rest = hash;
    for (int i = SUFFIX_LENGTH - 1; i >= 0; i--) {
      out[i] = ALPHABET.charAt((int) Long.remainderUnsigned(rest, ALPHABET.length()));
      rest = Long.divideUnsigned(rest, ALPHABET.length());
    }
    return new String(out);
  }
}
