package io.meshforge.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * {@code Shape} is the schema of one value in a spec, derived once from the spec records: the one
 * description that validation, typed binding and canonical printing all walk.
 *
 * <p>A record becomes a {@link RecordShape} whose fields are its components in declaration order
 * (that order is also the canonical output order); {@code List<T>} a {@link ListShape}; {@code
 * Map<String, T>} a {@link MapShape}; an enum an {@link EnumShape} whose values are the constant
 * names (spec enums are spelled exactly as Kuma spells them on the wire); {@link JsonNode} an
 * {@link AnyShape}, the explicitly permissive parts of a schema.
 */
public sealed interface Shape {

  /** Returns the shape of a Java type used in a spec record. */
  static Shape of(Type type) {
    return ShapeCache.of(type);
  }

  /**
   * A record: an object with known fields.
   *
   * @param type the record class
   * @param fields its fields, in declaration order
   */
  record RecordShape(Class<?> type, List<FieldShape> fields) implements Shape {
    /** Returns the field with this JSON name, or {@code null}. */
    public FieldShape field(String name) {
      for (FieldShape field : fields) {
        if (field.name().equals(name)) {
          return field;
        }
      }
      return null;
    }
  }

  /**
   * One field of a record.
   *
   * @param name the JSON name
   * @param component the record component it binds to
   * @param required whether it must be present
   * @param min the smallest accepted integer
   * @param max the largest accepted integer
   * @param positive whether numbers and durations must be greater than zero
   */
  record FieldShape(
      String name,
      RecordComponent component,
      boolean required,
      long min,
      long max,
      boolean positive) {
    /** Returns the shape of the field's value. */
    public Shape shape() {
      return Shape.of(component.getGenericType());
    }
  }

  /**
   * A list.
   *
   * @param element the shape of each element
   */
  record ListShape(Shape element) implements Shape {}

  /**
   * A map with string keys.
   *
   * @param value the shape of each value
   */
  record MapShape(Shape value) implements Shape {}

  /**
   * An enum, accepted as one of its constant names.
   *
   * @param type the enum class
   */
  record EnumShape(Class<? extends Enum<?>> type) implements Shape {
    /** Returns the accepted spellings. */
    public List<String> values() {
      return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }
  }

  /**
   * A scalar.
   *
   * @param kind which scalar
   */
  record ScalarShape(Scalar kind) implements Shape {}

  /** Any JSON value: a part of a schema left permissive on purpose (documented where used). */
  record AnyShape() implements Shape {}

  /** The scalar kinds a spec may use. */
  enum Scalar {
    /** A JSON string. */
    STRING,
    /** A JSON integer that fits a Java {@code int}. */
    INT,
    /** A JSON integer that fits a Java {@code long}. */
    LONG,
    /** Any JSON number. */
    DOUBLE,
    /** A JSON boolean. */
    BOOLEAN,
    /** A {@link GoDuration} string. */
    DURATION,
    /** An {@link IntOrString}. */
    INT_OR_STRING,
    /** A {@link Percentage}. */
    PERCENTAGE
  }
}

/** Builds shapes by reflection, once per type; shapes are immutable so sharing them is safe. */
final class ShapeCache {

  private static final Map<Type, Shape> CACHE = new ConcurrentHashMap<>();

  private ShapeCache() {}

  static Shape of(Type type) {
    Shape cached = CACHE.get(type);
    if (cached != null) {
      return cached;
    }
    // Not computeIfAbsent: building a record's shape does not recurse (field shapes are resolved
    // lazily), but keeping the cache out of the computation keeps it safe if that ever changes.
    Shape built = build(type);
    CACHE.putIfAbsent(type, built);
    return built;
  }

  private static Shape build(Type type) {
    if (type instanceof ParameterizedType parameterized) {
      Type raw = parameterized.getRawType();
      Type[] args = parameterized.getActualTypeArguments();
      if (raw == List.class) {
        return new Shape.ListShape(of(args[0]));
      }
      if (raw == Map.class && args[0] == String.class) {
        return new Shape.MapShape(of(args[1]));
      }
      throw new IllegalArgumentException("unsupported spec type " + type);
    }
    if (!(type instanceof Class<?> cls)) {
      throw new IllegalArgumentException("unsupported spec type " + type);
    }
    Shape.Scalar scalar = scalar(cls);
    if (scalar != null) {
      return new Shape.ScalarShape(scalar);
    }
    if (cls == JsonNode.class) {
      return new Shape.AnyShape();
    }
    if (cls.isEnum()) {
      @SuppressWarnings("unchecked")
      Class<? extends Enum<?>> enumType = (Class<? extends Enum<?>>) cls;
      return new Shape.EnumShape(enumType);
    }
    if (cls.isRecord()) {
      return record(cls);
    }
    throw new IllegalArgumentException("unsupported spec type " + type);
  }

  private static Shape.Scalar scalar(Class<?> cls) {
    if (cls == String.class) {
      return Shape.Scalar.STRING;
    } else if (cls == Integer.class) {
      return Shape.Scalar.INT;
    } else if (cls == Long.class) {
      return Shape.Scalar.LONG;
    } else if (cls == Double.class) {
      return Shape.Scalar.DOUBLE;
    } else if (cls == Boolean.class) {
      return Shape.Scalar.BOOLEAN;
    } else if (cls == GoDuration.class) {
      return Shape.Scalar.DURATION;
    } else if (cls == IntOrString.class) {
      return Shape.Scalar.INT_OR_STRING;
    } else if (cls == Percentage.class) {
      return Shape.Scalar.PERCENTAGE;
    } else if (cls.isPrimitive()) {
      // Absence must be representable, so spec records use boxed types only.
      throw new IllegalArgumentException("spec records must not use primitive " + cls);
    }
    return null;
  }

  private static Shape.RecordShape record(Class<?> cls) {
    List<Shape.FieldShape> fields = new ArrayList<>();
    for (RecordComponent component : cls.getRecordComponents()) {
      JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
      String name =
          property != null && !property.value().isEmpty() ? property.value() : component.getName();
      Range range = component.getAnnotation(Range.class);
      fields.add(
          new Shape.FieldShape(
              name,
              component,
              component.isAnnotationPresent(Required.class),
              range != null ? range.min() : 0,
              range != null ? range.max() : Long.MAX_VALUE,
              component.isAnnotationPresent(Positive.class)));
    }
    return new Shape.RecordShape(cls, List.copyOf(fields));
  }
}
