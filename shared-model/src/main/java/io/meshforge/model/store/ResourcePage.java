package io.meshforge.model.store;

import io.meshforge.model.Resource;
import java.util.List;

/**
 * {@code ResourcePage} is one page of a list.
 *
 * @param items the resources on this page
 * @param total how many resources match the query in all pages
 * @param next the offset of the next page, or {@code null} on the last page
 */
public record ResourcePage(List<Resource> items, long total, String next) {
  public ResourcePage {
    items = List.copyOf(items);
  }
}
