package io.meshforge.rest;

import io.meshforge.model.codec.ResourceCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared-model codec as a bean: one thread-safe instance for the whole application. */
@Configuration(proxyBeanMethods = false)
class CodecConfiguration {
  @Bean
  ResourceCodec resourceCodec() {
    return new ResourceCodec();
  }
}
