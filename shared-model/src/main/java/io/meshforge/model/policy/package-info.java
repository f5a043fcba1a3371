/**
 * targetRef policy matching and merging: which policies apply to a proxy, in which order, and the
 * configuration that results, for xDS generation and for inspect.
 *
 * <p>Entry point: {@link io.meshforge.model.policy.PolicyMatcher}. It reads the policies' JSON
 * trees ({@code Resource.spec()}) directly, so it does not depend on typed spec records. The rules
 * follow Kuma's (DESIGN.md section 3); where Kuma's behaviour was not pinned down, these decisions
 * hold:
 *
 * <ul>
 *   <li>A top-level {@code Dataplane} targetRef with neither {@code name} nor {@code labels}
 *       selects every dataplane, like an empty label selector, and ranks as a labels selector.
 *   <li>A legacy top-level {@code MeshService} selects the inbounds whose {@code kuma.io/service}
 *       tag is its name ({@link io.meshforge.model.policy.MatchScope#SERVICE}). Top-level {@code
 *       MeshExternalService}, {@code MeshMultiZoneService}, {@code MeshHTTPRoute} and unknown kinds
 *       select nothing yet, nor does a {@code proxyTypes} list without {@code Sidecar}.
 *   <li>A policy narrowed to one inbound by {@code sectionName} configures that inbound only: its
 *       {@code to[]} entries are ignored.
 *   <li>Policies sharing a display name (copies synced from several zones) are ordered by their
 *       stored name, the same way, so the order never depends on the input order.
 *   <li>Kuma's exceptions to "arrays replace" ({@code append*} fields, MeshHTTPRoute rules merged
 *       by {@code matches}) and its policy-role ordering are not applied here.
 * </ul>
 */
package io.meshforge.model.policy;
