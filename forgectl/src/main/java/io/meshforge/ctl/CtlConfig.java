package io.meshforge.ctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code CtlConfig} is the content of forgectl's config file: the known control planes and which
 * one commands talk to. Immutable: every change returns a new value.
 *
 * @param contexts the known control planes, in the order they were added
 * @param currentContext the name of the one in use, or {@code null} when there is none
 */
public record CtlConfig(List<ControlPlaneContext> contexts, String currentContext) {

  /** A config with no control plane. */
  public static final CtlConfig EMPTY = new CtlConfig(List.of(), null);

  public CtlConfig {
    contexts = contexts == null ? List.of() : List.copyOf(contexts);
  }

  /** Returns the context named {@code name}, if known. */
  public Optional<ControlPlaneContext> context(String name) {
    return contexts.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * Returns the context in use.
   *
   * @throws CtlException when none was added yet
   */
  public ControlPlaneContext current() {
    if (currentContext == null) {
      throw new CtlException(
          "no control plane is configured: add one with 'forgectl config control-planes add"
              + " --name NAME --address http://HOST:5681'");
    }
    return context(currentContext)
        .orElseThrow(() ->
            new CtlException(
                "the current context \""
                    + currentContext
                    + "\" is not in the config file; switch with 'forgectl config control-planes"
                    + " switch --name NAME'"));
  }

  /**
   * Returns this config with {@code context} added (or replacing the one of the same name when
   * {@code overwrite}) and made current.
   *
   * @throws CtlException when a context of that name exists and {@code overwrite} is false
   */
  public CtlConfig withContext(ControlPlaneContext context, boolean overwrite) {
    List<ControlPlaneContext> next = new ArrayList<>();
    boolean replaced = false;
    for (ControlPlaneContext existing : contexts) {
      if (existing.name().equals(context.name())) {
        if (!overwrite) {
          throw new CtlException(
              "a control plane named \""
                  + context.name()
                  + "\" already exists; use --overwrite to replace it");
        }
        next.add(context);
        replaced = true;
      } else {
        next.add(existing);
      }
    }
    if (!replaced) {
      next.add(context);
    }
    return new CtlConfig(next, context.name());
  }

  /**
   * Returns this config with {@code name} made current.
   *
   * @throws CtlException when no context has that name
   */
  public CtlConfig switchTo(String name) {
    if (context(name).isEmpty()) {
      throw new CtlException(
          "there is no control plane named \""
              + name
              + "\"; known: "
              + contexts.stream().map(ControlPlaneContext::name).toList());
    }
    return new CtlConfig(contexts, name);
  }
}
