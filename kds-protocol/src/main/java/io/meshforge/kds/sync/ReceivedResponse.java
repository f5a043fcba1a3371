package io.meshforge.kds.sync;

import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;

/**
 * {@code ReceivedResponse} is what a {@link DeltaReceiver} makes of one response: the batch to
 * commit, then the reply (ACK or NACK) to send <em>only after</em> the commit succeeded.
 *
 * @param batch what to write; may be empty
 * @param reply the ACK, or a NACK whose {@code error_detail} names the invalid resources
 */
public record ReceivedResponse(SyncBatch batch, DeltaDiscoveryRequest reply) {

  /** Returns {@code true} when the reply is a NACK. */
  public boolean nack() {
    return reply.hasErrorDetail();
  }
}
