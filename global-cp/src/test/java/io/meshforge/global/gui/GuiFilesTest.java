package io.meshforge.global.gui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuiFilesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "NONE",
      value = {
        "/gui, index.html",
        "/gui/, index.html",
        "/gui/style.css, style.css",
        "/gui/js/views/zones.js, js/views/zones.js",
        "/gui/../application.yaml, NONE",
        "/gui/js/../../application.yaml, NONE",
        "/gui/..%2fapplication.yaml, NONE",
        "/gui/.hidden, NONE",
        "/gui//style.css, NONE",
        "/gui/js/, NONE",
        "/gui\\style.css, NONE",
        "/guide, NONE",
        "/zones, NONE",
      })
  void fileOf_requestPath_namesOnlyFilesInsideTheFolder(String path, String expected) {
    assertThat(GuiFiles.fileOf(path)).isEqualTo(expected);
  }
}
