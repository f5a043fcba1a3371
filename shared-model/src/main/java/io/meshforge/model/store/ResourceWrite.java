package io.meshforge.model.store;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import java.util.Objects;

/**
 * {@code ResourceWrite} is one write of an atomic batch applied with {@link
 * ResourceStore#applyAll}: how a KDS receiver applies one response in one transaction.
 */
public sealed interface ResourceWrite {

  /** Returns the key this write touches. */
  ResourceKey key();

  /**
   * Creates the resource, or replaces the stored one's labels, spec and status whatever its version
   * (the sender's state wins). A put that changes nothing leaves the stored version and
   * modification time as they are.
   *
   * @param resource the resource; its version is ignored
   * @param owner the resource that owns it besides its Mesh (deleting the owner deletes it), e.g.
   *     the Zone that synced it up to global; {@code null} for none
   */
  record Put(Resource resource, ResourceKey owner) implements ResourceWrite {
    public Put {
      Objects.requireNonNull(resource, "resource");
    }

    /** Returns a put without an owner besides the Mesh. */
    public static Put of(Resource resource) {
      return new Put(resource, null);
    }

    @Override
    public ResourceKey key() {
      return resource.key();
    }
  }

  /**
   * Deletes the resource and everything it owns; nothing happens when it is not stored.
   *
   * @param key the key to delete
   */
  record Remove(ResourceKey key) implements ResourceWrite {
    public Remove {
      Objects.requireNonNull(key, "key");
    }
  }
}
