package io.meshforge.model.store;

import io.meshforge.model.ResourceType;
import java.util.Map;
import java.util.Objects;

/**
 * {@code ResourceQuery} selects resources of one type for {@link ResourceStore#list}.
 *
 * @param type the resource type
 * @param mesh only this mesh; {@code null} for every mesh (and always for global-scoped types)
 * @param labels every one of these labels must be present with this value
 * @param nameContains only names containing this text; {@code null} or empty for all
 * @param offset where the page starts: {@code null} for the first page, else the {@link
 *     ResourcePage#next()} of the previous page
 * @param size the page size; 0 means all remaining items
 */
public record ResourceQuery(
    ResourceType type,
    String mesh,
    Map<String, String> labels,
    String nameContains,
    String offset,
    int size) {

  public ResourceQuery {
    Objects.requireNonNull(type, "type");
    labels = Map.copyOf(labels == null ? Map.of() : labels);
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
  }

  /** Returns a query for every resource of a type. */
  public static ResourceQuery all(ResourceType type) {
    return new ResourceQuery(type, null, Map.of(), null, null, 0);
  }

  /** Returns a query for every resource of a type in one mesh. */
  public static ResourceQuery inMesh(ResourceType type, String mesh) {
    return new ResourceQuery(type, mesh, Map.of(), null, null, 0);
  }

  /** Returns this query restricted to one page. */
  public ResourceQuery page(String newOffset, int newSize) {
    return new ResourceQuery(type, mesh, labels, nameContains, newOffset, newSize);
  }
}
