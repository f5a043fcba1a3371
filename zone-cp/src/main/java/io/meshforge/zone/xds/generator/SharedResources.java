package io.meshforge.zone.xds.generator;

import com.google.protobuf.Message;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.SameInstance;
import java.util.function.Supplier;

/**
 * {@code SharedResources} lets generators share the Envoy resources that are the same for every
 * proxy of a mesh that reaches a destination with the same effective confs, through the mesh
 * context's memo ({@code MeshContext#shared}). Built once per mesh change instead of once per
 * proxy, and one immutable protobuf instance held by every proxy's snapshot instead of one copy
 * each.
 *
 * <p>Generators build the resources of a destination from shared inputs ({@link #of}), and policy
 * generators refine them ({@link #refined}): a refinement is keyed by the <em>identity</em> of the
 * resource it refines (cheap: no deep comparison of protobuf messages) and the conf it applies, so
 * a chain of shared inputs and pure refinements yields shared outputs. An input that is not shared
 * (built for one proxy) is refined without the memo: correctness never depends on a hit, and the
 * memo never holds one entry per proxy.
 */
public final class SharedResources {

  private SharedResources() {}

  /**
   * Returns the resource shared under {@code key} by the proxies of this proxy's mesh.
   *
   * @param proxy the proxy being configured (its mesh context holds the memo)
   * @param key everything besides the mesh context the resource depends on, with value equality
   * @param build builds the resource; a pure function of the mesh context and the key
   */
  public static <T extends Message> T of(ProxyContext proxy, Object key, Supplier<T> build) {
    return proxy.mesh().shared(key, build);
  }

  /**
   * Returns {@code refine} applied to {@code input}, shared by every proxy that applies the same
   * step with an equal conf to the very same input instance.
   *
   * @param proxy the proxy being configured (its mesh context holds the memo)
   * @param step names the refinement (e.g. {@code "MeshTimeout/cluster"})
   * @param input the resource being refined
   * @param conf everything besides {@code input} the refinement depends on, with value equality
   * @param refine a pure function of {@code input} and {@code conf}
   */
  public static <T extends Message> T refined(
      ProxyContext proxy, String step, T input, Object conf, Supplier<T> refine) {
    Refinement key = new Refinement(step, new SameInstance(input), conf);
    // Most calls find the refinement built (every proxy but the first): one lookup. A hit implies
    // the input is shared, since the key holds its input strongly and only shared inputs get keys.
    T known = proxy.mesh().sharedIfPresent(key);
    if (known != null) {
      return known;
    }
    if (!proxy.mesh().isShared(input)) {
      return refine.get(); // built for this proxy alone: nothing to share it with
    }
    return proxy.mesh().shared(key, refine);
  }

  /** The memo key of a refinement. */
  private record Refinement(String step, SameInstance input, Object conf) {}
}
