package io.meshforge.rest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Component;

/**
 * {@code GET :5680/ready}: 200 once the control plane has started and its database answers, 503
 * otherwise (Kuma's readiness contract, for load balancers and orchestrators).
 */
@Component
@Endpoint(id = "ready")
class ReadyEndpoint {
  private final ApplicationAvailability availability;
  private final DataSource dataSource;

  /** The data source is absent on a control plane running on the in-memory store. */
  ReadyEndpoint(ApplicationAvailability availability, ObjectProvider<DataSource> dataSource) {
    this.availability = availability;
    this.dataSource = dataSource.getIfAvailable();
  }

  @ReadOperation
  WebEndpointResponse<Map<String, String>> ready() {
    if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
      return new WebEndpointResponse<>(Map.of("status", "starting"), 503);
    }
    if (dataSource == null) {
      return new WebEndpointResponse<>(Map.of("status", "ready"), 200);
    }
    try (Connection c = dataSource.getConnection()) {
      if (!c.isValid(2)) {
        return new WebEndpointResponse<>(Map.of("status", "database unavailable"), 503);
      }
    } catch (SQLException e) {
      return new WebEndpointResponse<>(Map.of("status", "database unavailable"), 503);
    }
    return new WebEndpointResponse<>(Map.of("status", "ready"), 200);
  }
}
