package io.meshforge.rest.inspect;

/**
 * {@code ProxyAdmin} reads a proxy's Envoy admin data for the inspect endpoints. Each control plane
 * supplies its own: a zone asks the proxy's Envoy, global asks the owning zone over KDS.
 */
public interface ProxyAdmin {

  /**
   * Returns the admin data, as Envoy answered it.
   *
   * @param query which proxy and what to read
   * @return the body Envoy answered (JSON for a config dump, text otherwise)
   * @throws io.meshforge.model.store.ResourceNotFoundException when there is no such proxy
   * @throws ProxyAdminException when the data cannot be had, with the reason
   */
  byte[] fetch(ProxyAdminQuery query);
}
