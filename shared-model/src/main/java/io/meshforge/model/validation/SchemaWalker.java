package io.meshforge.model.validation;

import io.meshforge.model.spec.GoDuration;
import io.meshforge.model.spec.IntOrString;
import io.meshforge.model.spec.Percentage;
import io.meshforge.model.spec.Shape;
import io.meshforge.model.spec.Shape.FieldShape;
import io.meshforge.model.spec.Shape.RecordShape;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * {@code SchemaWalker} checks a JSON tree against a spec record class and binds it to an instance
 * of that class in the same pass, recording every violation with its path: unknown fields, wrong
 * JSON types, missing required fields, enum values, durations, percentages and integer ranges.
 *
 * <p>Binding never stops at the first problem: a value that is wrong is recorded and bound as
 * {@code null} (list elements and map values too), so the semantic validators that run on the bound
 * record still see everything that was right. Absent lists and maps bind as empty collections,
 * absent scalars and records as {@code null}; a JSON {@code null} counts as absent.
 *
 * <p>Stateless and thread-safe.
 */
public final class SchemaWalker {

  private SchemaWalker() {}

  /**
   * Checks {@code tree} against {@code type} and returns the bound value.
   *
   * @param tree the JSON value (an object for a record type)
   * @param type the spec record class
   * @param at where to record violations, positioned at {@code tree}
   * @return the bound record, or {@code null} when {@code tree} is not even an object
   */
  public static <T> T bind(JsonNode tree, Class<T> type, ViolationCollector at) {
    return type.cast(value(tree, Shape.of(type), at));
  }

  private static Object value(JsonNode node, Shape shape, ViolationCollector at) {
    return switch (shape) {
      case Shape.AnyShape any -> node;
      case Shape.RecordShape record -> record(node, record, at);
      case Shape.ListShape list -> list(node, list, at);
      case Shape.MapShape map -> map(node, map, at);
      case Shape.EnumShape enumShape -> enumValue(node, enumShape, at);
      case Shape.ScalarShape scalar -> scalar(node, scalar.kind(), null, at);
    };
  }

  private static Object record(JsonNode node, RecordShape shape, ViolationCollector at) {
    if (!node.isObject()) {
      at.add("must be an object");
      return null;
    }
    for (String name : node.propertyNames()) {
      if (shape.field(name) == null) {
        at.field(name).add(unknownField(name, shape));
      }
    }
    Object[] args = new Object[shape.fields().size()];
    Class<?>[] types = new Class<?>[args.length];
    for (int i = 0; i < args.length; i++) {
      FieldShape field = shape.fields().get(i);
      types[i] = field.component().getType();
      args[i] = field(node.get(field.name()), field, at.field(field.name()));
    }
    return construct(shape.type(), types, args);
  }

  private static String unknownField(String name, RecordShape shape) {
    String known = shape.fields().stream().map(FieldShape::name).collect(Collectors.joining(", "));
    return "unknown field \""
        + ResourceNames.abbreviate(name)
        + "\""
        + (known.isEmpty() ? " (no fields are allowed here)" : " (known fields: " + known + ")");
  }

  private static Object field(JsonNode node, FieldShape field, ViolationCollector at) {
    Shape shape = field.shape();
    if (node == null || node.isNull()) {
      if (field.required()) {
        at.add("is required");
      }
      if (shape instanceof Shape.ListShape) {
        return List.of();
      }
      return shape instanceof Shape.MapShape ? Map.of() : null;
    }
    if (shape instanceof Shape.ScalarShape scalar) {
      return scalar(node, scalar.kind(), field, at);
    }
    return value(node, shape, at);
  }

  private static List<Object> list(JsonNode node, Shape.ListShape shape, ViolationCollector at) {
    if (!node.isArray()) {
      at.add("must be a list");
      return List.of();
    }
    List<Object> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode element = node.get(i);
      if (element.isNull() && !(shape.element() instanceof Shape.AnyShape)) {
        at.index(i).add("must not be null");
        out.add(null);
      } else {
        out.add(value(element, shape.element(), at.index(i)));
      }
    }
    // Elements that failed stay as nulls so indices keep matching the document.
    return Collections.unmodifiableList(out);
  }

  private static Map<String, Object> map(
      JsonNode node, Shape.MapShape shape, ViolationCollector at) {
    if (!node.isObject()) {
      at.add("must be a map");
      return Map.of();
    }
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      ViolationCollector entryAt = at.key(entry.getKey());
      if (entry.getValue().isNull()) {
        entryAt.add("must not be null");
        out.put(entry.getKey(), null);
      } else {
        out.put(entry.getKey(), value(entry.getValue(), shape.value(), entryAt));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static Object enumValue(JsonNode node, Shape.EnumShape shape, ViolationCollector at) {
    List<String> values = shape.values();
    int index = node.isString() ? values.indexOf(node.stringValue()) : -1;
    if (index < 0) {
      at.add("must be one of: " + String.join(", ", values));
      return null;
    }
    return shape.type().getEnumConstants()[index];
  }

  private static Object scalar(
      JsonNode node, Shape.Scalar kind, FieldShape field, ViolationCollector at) {
    return switch (kind) {
      case STRING -> {
        if (!node.isString()) {
          at.add("must be a string");
          yield null;
        }
        yield node.stringValue();
      }
      case BOOLEAN -> {
        if (!node.isBoolean()) {
          at.add("must be a boolean (true or false)");
          yield null;
        }
        yield node.booleanValue();
      }
      case INT, LONG -> integer(node, kind == Shape.Scalar.INT, field, at);
      case DOUBLE -> number(node, field, at);
      case DURATION -> duration(node, field, at);
      case INT_OR_STRING -> intOrString(node, at);
      case PERCENTAGE -> percentage(node, at);
    };
  }

  private static Object integer(
      JsonNode node, boolean isInt, FieldShape field, ViolationCollector at) {
    boolean fits = isInt ? node.canConvertToInt() : node.canConvertToLong();
    if (!node.isIntegralNumber() || !fits) {
      at.add(isInt ? "must be an integer" : "must be an integer (64-bit)");
      return null;
    }
    long value = node.longValue();
    if (!inRange(value, field, at)) {
      return null;
    }
    return isInt ? (Object) (int) value : (Object) value;
  }

  private static boolean inRange(long value, FieldShape field, ViolationCollector at) {
    long min = field == null ? 0 : field.min();
    long max = field == null ? Long.MAX_VALUE : field.max();
    if (field != null && field.positive() && value <= 0) {
      at.add("must be greater than 0");
      return false;
    }
    if (value < min) {
      at.add(min == 0 ? "must not be negative" : "must be at least " + min);
      return false;
    }
    if (value > max) {
      at.add("must be at most " + max);
      return false;
    }
    return true;
  }

  private static Double number(JsonNode node, FieldShape field, ViolationCollector at) {
    if (!node.isNumber()) {
      at.add("must be a number");
      return null;
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value) || value < 0 || (field != null && field.positive() && value == 0)) {
      at.add(field != null && field.positive() ? "must be greater than 0" : "must not be negative");
      return null;
    }
    return value;
  }

  private static GoDuration duration(JsonNode node, FieldShape field, ViolationCollector at) {
    if (!node.isString()) {
      at.add("must be a duration string such as 100ms, 5s, 1m30s or 1h");
      return null;
    }
    try {
      GoDuration duration = GoDuration.parse(node.stringValue());
      if (field != null && field.positive() && duration.value().isZero()) {
        at.add("must be a duration greater than 0");
        return null;
      }
      return duration;
    } catch (IllegalArgumentException e) {
      at.add(e.getMessage());
      return null;
    }
  }

  private static IntOrString intOrString(JsonNode node, ViolationCollector at) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return new IntOrString(node.longValue(), null);
    }
    if (node.isString()) {
      return new IntOrString(null, node.stringValue());
    }
    at.add("must be an integer or a string");
    return null;
  }

  private static Percentage percentage(JsonNode node, ViolationCollector at) {
    BigDecimal value = null;
    if (node.isIntegralNumber()) {
      value = node.decimalValue();
    } else if (node.isString() && node.stringValue().matches("[0-9]{1,3}(\\.[0-9]{1,6})?")) {
      value = new BigDecimal(node.stringValue());
    }
    if (value == null || value.compareTo(BigDecimal.valueOf(100)) > 0 || value.signum() < 0) {
      at.add("must be a percentage from 0 to 100: an integer or a decimal string such as \"99.5\"");
      return null;
    }
    return new Percentage(value);
  }

  private static Object construct(Class<?> type, Class<?>[] types, Object[] args) {
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("spec record " + type.getName() + " rejected its fields", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct spec record " + type.getName(), e);
    }
  }
}
