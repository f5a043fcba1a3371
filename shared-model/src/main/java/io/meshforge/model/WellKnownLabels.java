package io.meshforge.model;

/** {@code WellKnownLabels} lists the labels and tags spelled as Kuma spells them. */
public final class WellKnownLabels {
  /** Where a resource was created: {@code global} or {@code zone}. */
  public static final String ORIGIN = "kuma.io/origin";

  /** The zone a resource comes from. */
  public static final String ZONE = "kuma.io/zone";

  /** The name the user gave a resource before KDS renamed it. */
  public static final String DISPLAY_NAME = "kuma.io/display-name";

  /** The mesh a resource belongs to. */
  public static final String MESH = "kuma.io/mesh";

  /** A dataplane inbound's service tag. */
  public static final String SERVICE = "kuma.io/service";

  /**
   * A dataplane inbound's protocol tag: {@code tcp}, {@code http}, {@code http2} or {@code grpc}.
   */
  public static final String PROTOCOL = "kuma.io/protocol";

  /** A policy with {@code kuma.io/effect: shadow} is computed and shown, but not applied. */
  public static final String EFFECT = "kuma.io/effect";

  /** Value of {@link #ORIGIN} for resources created on global. */
  public static final String ORIGIN_GLOBAL = "global";

  /** Value of {@link #ORIGIN} for resources created in a zone. */
  public static final String ORIGIN_ZONE = "zone";

  private WellKnownLabels() {}
}
