package dev.ember.core.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** An ordered list of fields: the shape of a batch and of a plan node's output. */
public record Schema(List<Field> fields) {
  // Written out, not generated: a record's equals and hashCode run through method handles (see ColumnType).
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof Schema that && Objects.equals(fields, that.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(fields);
  }

  public Schema {
    fields = List.copyOf(Objects.requireNonNull(fields, "fields is null"));
  }

  public static Schema of(Field... fields) {
    return new Schema(List.of(fields));
  }

  public int size() {
    return fields.size();
  }

  public Field field(int index) {
    return fields.get(index);
  }

  public ColumnType type(int index) {
    return fields.get(index).type();
  }

  /** The index of the first field with this name (case-insensitive, as Spark), or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  public List<String> names() {
    return fields.stream().map(Field::name).toList();
  }

  public List<ColumnType> types() {
    return fields.stream().map(Field::type).toList();
  }

  /** This schema followed by the other's fields (the output of a join). */
  public Schema concat(Schema other) {
    List<Field> all = new ArrayList<>(fields);
    all.addAll(other.fields);
    return new Schema(all);
  }

  public Schema select(int... indexes) {
    List<Field> selected = new ArrayList<>(indexes.length);
    for (int index : indexes) {
      selected.add(fields.get(index));
    }
    return new Schema(selected);
  }

  @Override
  public String toString() {
    return fields.stream()
        .map(f -> f.name() + ":" + f.type().simpleString())
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
