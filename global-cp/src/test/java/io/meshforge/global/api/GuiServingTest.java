package io.meshforge.global.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The GUI's files are served at {@code /gui} beside the REST API, whose catch-all paths ({@code
 * /{plural}}, {@code /{plural}/{name}}) must not swallow them, and which keeps answering as before.
 */
class GuiServingTest extends ApiTestBase {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/gui, text/html, <main id=\"view\"",
    "/gui/, text/html, <main id=\"view\"",
    "/gui/style.css, text/css, .sidebar",
    "/gui/js/app.js, text/javascript, startRouter",
    "/gui/js/api.js, text/javascript, Authorization",
    "/gui/js/login.js, text/javascript, showLogin",
    "/gui/favicon.svg, image/svg+xml, <svg",
  })
  void get_guiFile_servedWithItsContentType(String path, String contentType, String content) {
    Answer answer = get(path);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith(contentType);
    assertThat(answer.body()).contains(content);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"/gui/nope.js", "/gui/js/nope.js", "/gui/js", "/gui/index.txt"})
  void get_unknownGuiFile_notFound(String path) {
    assertThat(get(path).status()).isEqualTo(404);
  }

  @Test
  void get_guiPage_forbidsForeignScriptsAndStyles() throws Exception {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(uri("/gui")).GET().build(),
            HttpResponse.BodyHandlers.discarding());

    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
  }

  @Test
  void put_guiPath_notAllowed() {
    assertThat(putYaml("/gui/style.css", "type: Mesh\nname: x\n").status()).isEqualTo(405);
  }

  @Test
  void get_apiBesideTheGui_stillAnswersJson() {
    Answer zones = get("/zones");

    assertThat(zones.status()).isEqualTo(200);
    assertThat(zones.json().has("items")).isTrue();
  }
}
