package io.meshforge.rest.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.ApplicationContext;

/**
 * {@code AdminBearer} gives in-JVM tests the admin token of the control plane they started: the
 * {@code admin-token} file of its state directory. Shared with the control-plane modules' tests
 * through this module's test-jar.
 */
public final class AdminBearer {

  private AdminBearer() {}

  /** Returns {@code Bearer <admin token>} of the control plane using {@code stateDir}. */
  public static String header(Path stateDir) {
    Path file = stateDir.resolve(AdminToken.FILE_NAME);
    try {
      return "Bearer " + Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("no admin token in " + stateDir + " (is the CP up?)", e);
    }
  }

  /** Returns {@code Bearer <admin token>} of the control plane running in {@code context}. */
  public static String header(ApplicationContext context) {
    return header(context.getBean(AdminToken.class).file().getParent());
  }

  /**
   * Returns {@code request} with the admin token's {@code Authorization} header, unless it already
   * carries one (tests of authentication set their own).
   */
  public static HttpRequest authorize(HttpRequest request, Path stateDir) {
    if (request.headers().firstValue("Authorization").isPresent()) {
      return request;
    }
    return HttpRequest.newBuilder(request, (name, value) -> true)
        .header("Authorization", header(stateDir))
        .build();
  }
}
