package io.meshforge.zone.xds.context;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;

/**
 * What a proxy told about itself in its xDS node metadata and that changes what it is sent.
 *
 * @param apiListeners the proxy is a gRPC client library (grpc-xds), not an Envoy: it resolves
 *     {@code xds:///<service>} through API listeners named after the service, so it gets one per
 *     outbound destination. Asked for with node metadata {@code forge.io/api-listeners: true}.
 */
public record ProxyMetadata(boolean apiListeners) {

  /** The node metadata key asking for API listeners. */
  public static final String API_LISTENERS = "forge.io/api-listeners";

  /** An Envoy sidecar with no special requests. */
  public static final ProxyMetadata ENVOY = new ProxyMetadata(false);

  /** Reads the node metadata of an xDS request. */
  public static ProxyMetadata of(Struct nodeMetadata) {
    Value flag = nodeMetadata.getFieldsOrDefault(API_LISTENERS, Value.getDefaultInstance());
    boolean apiListeners = flag.getBoolValue() || "true".equalsIgnoreCase(flag.getStringValue());
    return new ProxyMetadata(apiListeners);
  }
}
