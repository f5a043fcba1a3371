package io.meshforge.zone.xds.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares generated Envoy config with a golden JSON file under {@code
 * src/test/resources/golden/tls}; {@code -Dgolden.update=true} rewrites the files instead.
 */
final class Golden {
  private static final Path DIR = Path.of("src/test/resources/golden/tls");
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer()
          .usingTypeRegistry(
              JsonFormat.TypeRegistry.newBuilder()
                  .add(DownstreamTlsContext.getDescriptor())
                  .add(UpstreamTlsContext.getDescriptor())
                  .build());

  private Golden() {}

  static void assertMatches(String name, Message message) throws IOException {
    String actual;
    try {
      actual = PRINTER.print(message) + "\n";
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("cannot print " + name, e);
    }
    Path file = DIR.resolve(name + ".json");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(DIR);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(file)
        .as("golden file %s (run with -Dgolden.update=true to create it)", file)
        .exists();
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
