package io.meshforge.model.spec;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code DataplaneInsightSpec} is the schema of a {@code DataplaneInsight} (inline fields), written
 * by the zone control plane only.
 *
 * <p>Permissive on purpose: subscriptions, mTLS and metadata are kept as written ({@link
 * JsonNode}); the xDS module owns their shape.
 *
 * @param subscriptions one entry per xDS connection of the proxy (permissive)
 * @param mTLS certificate status (permissive)
 * @param metadata proxy metadata such as versions (permissive)
 */
public record DataplaneInsightSpec(
    List<JsonNode> subscriptions, JsonNode mTLS, JsonNode metadata) {}
