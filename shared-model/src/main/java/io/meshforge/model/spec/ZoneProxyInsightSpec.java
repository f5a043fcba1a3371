package io.meshforge.model.spec;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code ZoneProxyInsightSpec} is the schema of a {@code ZoneIngressInsight} and a {@code
 * ZoneEgressInsight} (inline fields), written by the zone control plane only: the xDS connections
 * of a zone proxy, in the same shape as a {@code DataplaneInsight}'s.
 *
 * <p>Permissive on purpose: subscriptions are kept as written ({@link JsonNode}); the xDS module
 * owns their shape.
 *
 * @param subscriptions one entry per xDS connection of the proxy (permissive)
 */
public record ZoneProxyInsightSpec(List<JsonNode> subscriptions) {}
