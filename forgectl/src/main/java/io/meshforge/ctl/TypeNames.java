package io.meshforge.ctl;

import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code TypeNames} resolves a resource type as typed on the command line, as kumactl does: the
 * plural REST path ({@code meshtimeouts}), the singular ({@code meshtimeout}), the short name
 * ({@code mt}) or the type name in any case ({@code MeshTimeout}); dashes are optional ({@code
 * global-secrets}, {@code globalsecret}).
 */
public final class TypeNames {
  private TypeNames() {}

  /**
   * Returns the type {@code argument} names.
   *
   * @throws CtlException naming the known plurals when none matches
   */
  public static ResourceType resolve(String argument) {
    return find(argument)
        .orElseThrow(() ->
            new CtlException(
                "unknown resource type \""
                    + argument
                    + "\"; known types: "
                    + ResourceTypes.all().stream()
                        .map(ResourceType::path)
                        .collect(Collectors.joining(", "))));
  }

  /** Returns the type {@code argument} names, if any. */
  public static Optional<ResourceType> find(String argument) {
    String wanted = normalise(argument);
    for (ResourceType type : ResourceTypes.all()) {
      if (wanted.equals(normalise(type.path()))
          || wanted.equals(normalise(type.name()))
          || (!type.shortName().isEmpty() && wanted.equals(normalise(type.shortName())))) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  private static String normalise(String name) {
    return name.toLowerCase(Locale.ROOT).replace("-", "");
  }
}
