package io.meshforge.zone.xds.sync;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * The first 128 bits of the SHA-256 of one Envoy resource's length-prefixed deterministic protobuf
 * bytes: what {@link SnapshotVersions} hashes for it. Ordered as unsigned 128-bit numbers, so a
 * type's digests have one canonical order whatever order the resources came in.
 *
 * @param high the first 8 bytes of the SHA-256, big-endian
 * @param low the next 8 bytes
 */
record ResourceDigest(long high, long low) implements Comparable<ResourceDigest> {

  /** The bytes {@link #writeTo} writes. */
  static final int BYTES = 16;

  /**
   * Digests a resource.
   *
   * @param sha a reset SHA-256 digest, left reset
   */
  static ResourceDigest of(Message message, MessageDigest sha) {
    ByteBuffer hash = ByteBuffer.wrap(sha.digest(lengthPrefixed(message)));
    return new ResourceDigest(hash.getLong(), hash.getLong());
  }

  /** Writes the digest's 16 bytes, big-endian, at {@code offset}. */
  void writeTo(byte[] bytes, int offset) {
    ByteBuffer.wrap(bytes, offset, BYTES).putLong(high).putLong(low);
  }

  @Override
  public int compareTo(ResourceDigest other) {
    int byHigh = Long.compareUnsigned(high, other.high);
    return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
  }

  private static byte[] lengthPrefixed(Message message) {
    int size = message.getSerializedSize();
    byte[] bytes = new byte[CodedOutputStream.computeUInt32SizeNoTag(size) + size];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    try {
      out.writeMessageNoTag(message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.checkNoSpaceLeft();
    return bytes;
  }
}
