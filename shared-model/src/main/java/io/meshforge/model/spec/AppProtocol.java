package io.meshforge.model.spec;

/** {@code AppProtocol} is an application protocol, spelled as Kuma's {@code kuma.io/protocol}. */
@SuppressWarnings("java:S115")
public enum AppProtocol {
  /** Plain TCP. */
  tcp,
  /** HTTP/1.1. */
  http,
  /** HTTP/2. */
  http2,
  /** gRPC. */
  grpc
}
