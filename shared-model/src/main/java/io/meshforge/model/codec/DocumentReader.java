package io.meshforge.model.codec;

import io.meshforge.model.validation.ValidationException;
import io.meshforge.model.validation.Violation;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLReadFeature;

/**
 * {@code DocumentReader} turns request bytes into JSON trees, hardened for hostile input: strict
 * UTF-8, duplicate keys refused, nesting capped at {@link #MAX_NESTING_DEPTH}, and every parser
 * failure turned into a {@link ValidationException} naming the location.
 *
 * <p>Thread-safe: Jackson mappers and readers are immutable once built.
 */
final class DocumentReader {

  /** The deepest nesting of objects and arrays accepted. */
  static final int MAX_NESTING_DEPTH = 64;

  private static final StreamReadConstraints CONSTRAINTS =
      StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING_DEPTH)
          .maxNumberLength(64)
          .maxNameLength(4096)
          .build();

  private final ObjectReader json;
  private final ObjectReader yaml;

  DocumentReader() {
    ObjectMapper jsonMapper =
        JsonMapper.builder(JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    ObjectMapper yamlMapper =
        YAMLMapper.builder(
                YAMLFactory.builder()
                    .streamReadConstraints(CONSTRAINTS)
                    .disable(YAMLReadFeature.EMPTY_DOCUMENT_AS_EMPTY_OBJECT)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.json = jsonMapper.readerFor(JsonNode.class);
    this.yaml = yamlMapper.readerFor(JsonNode.class);
  }

  /** Reads every non-empty document in {@code body} (JSON has exactly one). */
  List<JsonNode> readAll(byte[] body, DocumentFormat format) {
    String text = decodeUtf8(body);
    if (text.isBlank()) {
      throw new ValidationException(Violation.ofDocument("document is empty"));
    }
    try {
      if (format == DocumentFormat.JSON) {
        return List.of(json.readTree(text));
      }
      List<JsonNode> documents = new ArrayList<>();
      try (MappingIterator<JsonNode> values = yaml.readValues(text)) {
        while (values.hasNextValue()) {
          JsonNode document = values.nextValue();
          // An empty document (between two "---") reads as null or as an empty string.
          boolean empty =
              document == null
                  || document.isNull()
                  || document.isMissingNode()
                  || (document.isString() && document.stringValue().isEmpty());
          if (!empty) {
            documents.add(document);
          }
        }
      }
      if (documents.isEmpty()) {
        throw new ValidationException(Violation.ofDocument("document is empty"));
      }
      return documents;
    } catch (StreamConstraintsException e) {
      throw new ValidationException(
          Violation.ofDocument(
              "document exceeds a limit" + at(e.getLocation()) + ": " + limitMessage(e)));
    } catch (JacksonException e) {
      throw new ValidationException(
          Violation.ofDocument("invalid " + format + at(e.getLocation()) + ": " + firstLine(e)));
    } catch (ValidationException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // The YAML engine may throw its own unchecked exceptions; bad input must never escape as
      // anything but a ValidationException.
      throw new ValidationException(
          Violation.ofDocument("invalid " + format + ": " + String.valueOf(e.getMessage())));
    }
  }

  /** Reads exactly one document. */
  JsonNode readOne(byte[] body, DocumentFormat format) {
    List<JsonNode> documents = readAll(body, format);
    if (documents.size() != 1) {
      throw new ValidationException(
          Violation.ofDocument("expected one document, found " + documents.size()));
    }
    return documents.get(0);
  }

  private static String decodeUtf8(byte[] body) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    CharBuffer out = CharBuffer.allocate(body.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new ValidationException(
          Violation.ofDocument("invalid UTF-8 at byte offset " + in.position()));
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static String at(TokenStreamLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String limitMessage(StreamConstraintsException e) {
    String message = firstLine(e);
    return message.contains("nesting depth")
        ? "nested deeper than " + MAX_NESTING_DEPTH + " levels"
        : message;
  }

  private static String firstLine(JacksonException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    int newline = message.indexOf('\n');
    String line = newline >= 0 ? message.substring(0, newline) : message;
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
