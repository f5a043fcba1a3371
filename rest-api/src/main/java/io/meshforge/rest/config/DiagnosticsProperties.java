package io.meshforge.rest.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code diagnostics.*}: the port of {@code /ready}, {@code /healthy} and {@code /metrics}.
 *
 * @param port the diagnostics port (Kuma's 5680)
 */
public record DiagnosticsProperties(@DefaultValue("5680") int port) {}
