package io.meshforge.kds.sync;

import io.envoyproxy.envoy.service.discovery.v3.Resource;

/** A resource as given to a {@link DeltaSender} and its wire encoding. */
record WireCopy(io.meshforge.model.Resource source, Resource wire) {}
