package io.meshforge.kds.wire;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.meshforge.kds.v1.KdsResource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code KdsEnvelope} converts model resources to and from the KDS wire form: an Envoy {@code
 * Resource{name = delta key, version, resource = Any(KdsResource)}}.
 *
 * <p>The per-resource version is a hash of the canonical content (type, mesh, name, sorted labels,
 * canonical spec and status JSON), never of the protobuf bytes, whose map order is not stable. The
 * store version and timestamps of the model are local to each control plane and never travel.
 */
public final class KdsEnvelope {

  private static final HexFormat HEX = HexFormat.of();

  private KdsEnvelope() {}

  /** Encodes a model resource to its wire form. */
  public static Resource toWire(io.meshforge.model.Resource resource) {
    KdsResource envelope = envelope(resource);
    return Resource.newBuilder()
        .setName(DeltaKey.of(resource.key()))
        .setVersion(version(envelope))
        .setResource(Any.pack(envelope))
        .build();
  }

  /** Builds the {@link KdsResource} envelope of a model resource. */
  public static KdsResource envelope(io.meshforge.model.Resource resource) {
    KdsResource.Builder builder =
        KdsResource.newBuilder()
            .setType(resource.type().name())
            .setMesh(resource.mesh())
            .setName(resource.name())
            .putAllLabels(resource.labels())
            .setSpec(ByteString.copyFrom(CanonicalJson.bytes(resource.spec())));
    if (!resource.status().isEmpty()) {
      builder.setStatus(ByteString.copyFrom(CanonicalJson.bytes(resource.status())));
    }
    return builder.build();
  }

  /**
   * Decodes a wire resource of an expected type.
   *
   * @throws KdsDecodingException when the Any is not a {@link KdsResource}, its type differs from
   *     the expected one, its key does not match the delta key, or its JSON does not parse
   */
  public static io.meshforge.model.Resource fromWire(ResourceType expected, Resource wire)
      throws KdsDecodingException {
    KdsResource envelope;
    try {
      envelope = wire.getResource().unpack(KdsResource.class);
    } catch (InvalidProtocolBufferException e) {
      throw new KdsDecodingException(wire.getName() + ": not a KdsResource: " + e.getMessage(), e);
    }
    if (!expected.name().equals(envelope.getType())) {
      throw new KdsDecodingException(
          wire.getName() + ": type " + envelope.getType() + " in a " + expected.name() + " stream");
    }
    ResourceKey key;
    try {
      key = new ResourceKey(expected, envelope.getMesh(), envelope.getName());
      var spec = CanonicalJson.parse(envelope.getSpec().toByteArray());
      var status = CanonicalJson.parse(envelope.getStatus().toByteArray());
      if (!DeltaKey.of(key).equals(wire.getName())) {
        throw new KdsDecodingException(
            wire.getName() + ": envelope names " + DeltaKey.of(key) + ", not the delta key");
      }
      return new io.meshforge.model.Resource(
          key, envelope.getLabelsMap(), spec, status, 0, null, null);
    } catch (IllegalArgumentException e) {
      throw new KdsDecodingException(wire.getName() + ": " + e.getMessage(), e);
    }
  }

  /** Returns the content version of an envelope: 32 hex chars of SHA-256 over canonical bytes. */
  public static String version(KdsResource envelope) {
    MessageDigest digest = sha256();
    update(digest, envelope.getType());
    update(digest, envelope.getMesh());
    update(digest, envelope.getName());
    for (Map.Entry<String, String> label : new TreeMap<>(envelope.getLabelsMap()).entrySet()) {
      update(digest, label.getKey());
      update(digest, label.getValue());
    }
    digest.update(envelope.getSpec().toByteArray());
    digest.update((byte) 0);
    digest.update(envelope.getStatus().toByteArray());
    byte[] hash = digest.digest();
    return HEX.formatHex(hash, 0, 16);
  }

  private static void update(MessageDigest digest, String value) {
    digest.update(value.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0); // separator: ("ab","c") and ("a","bc") must differ
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
