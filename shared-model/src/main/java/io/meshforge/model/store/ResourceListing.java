package io.meshforge.model.store;

import io.meshforge.model.Resource;
import java.util.List;
import java.util.Map;

/**
 * {@code ResourceListing} applies the filters and paging of a {@link ResourceQuery} to resources
 * already ordered by mesh and then name. Offsets are the decimal index of the first item.
 */
final class ResourceListing {

  private ResourceListing() {}

  /** Returns the page of {@code ordered} the query selects. */
  static ResourcePage page(List<Resource> ordered, ResourceQuery query) {
    List<Resource> matching = ordered.stream().filter(r -> matches(r, query)).toList();
    int from = parseOffset(query.offset());
    int total = matching.size();
    int start = Math.min(from, total);
    int end = query.size() == 0 ? total : (int) Math.min((long) start + query.size(), total);
    String next = end < total ? Integer.toString(end) : null;
    return new ResourcePage(matching.subList(start, end), total, next);
  }

  /**
   * Returns the numeric offset a query's offset string stands for.
   *
   * @throws IllegalArgumentException when it is not an offset this store produced
   */
  static int parseOffset(String offset) {
    if (offset == null || offset.isEmpty()) {
      return 0;
    }
    try {
      int value = Integer.parseInt(offset);
      if (value < 0) {
        throw new IllegalArgumentException("invalid page offset: " + offset);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid page offset: " + offset, e);
    }
  }

  private static boolean matches(Resource resource, ResourceQuery query) {
    if (resource.type() != query.type()) {
      return false;
    }
    if (query.mesh() != null
        && query.type().meshScoped()
        && !query.mesh().equals(resource.mesh())) {
      return false;
    }
    if (query.nameContains() != null && !resource.name().contains(query.nameContains())) {
      return false;
    }
    for (Map.Entry<String, String> label : query.labels().entrySet()) {
      if (!label.getValue().equals(resource.labels().get(label.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
