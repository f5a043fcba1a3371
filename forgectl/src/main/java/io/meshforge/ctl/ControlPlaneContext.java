package io.meshforge.ctl;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * {@code ControlPlaneContext} is one control plane forgectl knows: a name the user picked, the
 * address of its REST API and the token it sends.
 *
 * @param name the context's name ({@code global}, {@code east}, ...)
 * @param address the REST API's base URL, e.g. {@code http://localhost:5681}
 * @param authToken the bearer token sent with every request, or {@code null} for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlPlaneContext(String name, String address, String authToken) {

  public ControlPlaneContext {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    address = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
  }
}
