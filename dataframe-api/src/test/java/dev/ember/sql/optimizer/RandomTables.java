package dev.ember.sql.optimizer;

import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Two to four random tables for one program: each has a skewed INT key column {@code tNk} (many
 * zeros, a few nulls) and one to four more columns of random types, every column with nulls;
 * small value domains make joins match and groups repeat. About one table in ten is empty; most
 * are small (the size is drawn towards zero) and a few reach 200 rows.
 */
record RandomTables(Map<String, Table> tables) {
  static final int MAX_ROWS = 200;
  private static final int SHOWN_ROWS = 12;

  /** One table: its name, columns and rows. */
  record Table(String name, List<Field> fields, List<Row> rows) {
    StructType schema() {
      StructType schema = new StructType();
      for (Field field : fields) {
        schema = schema.add(field.name(), field.type().dataType(), true);
      }
      return schema;
    }

    String describe() {
      StringBuilder text = new StringBuilder(name).append('(');
      for (int i = 0; i < fields.size(); i++) {
        text.append(i > 0 ? ", " : "").append(fields.get(i).name()).append(' ').append(fields.get(i).type().ddlName());
      }
      text.append("): ").append(rows.size()).append(" rows");
      // small tables are printed whole: a failing program can often be read off by hand
      return rows.size() <= SHOWN_ROWS ? text.append(' ').append(rows).toString() : text.toString();
    }
  }

  RandomTables {
    tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
  }

  static RandomTables generate(Random random) {
    Map<String, Table> tables = new LinkedHashMap<>();
    int count = 2 + random.nextInt(3);
    for (int t = 0; t < count; t++) {
      String name = "t" + t;
      List<Field> fields = new ArrayList<>();
      fields.add(Field.of(name + "k", ValueType.INT));
      int extra = 1 + random.nextInt(4);
      for (int c = 0; c < extra; c++) {
        fields.add(Field.of(name + (char) ('a' + c), ValueType.ALL.get(random.nextInt(ValueType.ALL.size()))));
      }
      int rows = random.nextInt(10) == 0 ? 0 : 1 + (int) (Math.pow(random.nextDouble(), 2.5) * (MAX_ROWS - 1));
      tables.put(name, new Table(name, fields, rows(random, fields, rows)));
    }
    return new RandomTables(tables);
  }

  private static List<Row> rows(Random random, List<Field> fields, int count) {
    List<Row> rows = new ArrayList<>(count);
    int nullPercent = 5 + random.nextInt(20);
    for (int r = 0; r < count; r++) {
      Object[] values = new Object[fields.size()];
      for (int c = 0; c < values.length; c++) {
        values[c] = random.nextInt(100) < nullPercent ? null : value(random, fields.get(c).type(), c == 0);
      }
      rows.add(RowFactory.create(values));
    }
    return rows;
  }

  private static Object value(Random random, ValueType type, boolean key) {
    return switch (type) {
      // keys are skewed: about 40% zeros, the rest from a small domain
      case INT -> key ? (random.nextInt(5) < 2 ? 0 : random.nextInt(8)) : random.nextInt(36) - 6;
      case LONG -> random.nextInt(40) == 0 ? Long.MAX_VALUE - random.nextInt(2) : (long) random.nextInt(14) - 3;
      // quarters add up exactly, so sums do not depend on the order of adding
      case DOUBLE -> (random.nextInt(81) - 40) * 0.25;
      case STRING -> ExpressionGenerator.STRINGS.get(random.nextInt(ExpressionGenerator.STRINGS.size()));
      case DATE -> ExpressionGenerator.FIRST_DATE.plusDays(random.nextInt(45));
      case BOOLEAN -> random.nextBoolean();
    };
  }

  /** The tables as DataFrames of {@code session}, by name. */
  Map<String, DataFrame> frames(EmberSession session) {
    Map<String, DataFrame> frames = new LinkedHashMap<>();
    tables.forEach((name, table) -> frames.put(name, session.createDataFrame(table.rows(), table.schema())));
    return frames;
  }

  String describe() {
    StringBuilder text = new StringBuilder();
    for (Table table : tables.values()) {
      text.append("  ").append(table.describe()).append('\n');
    }
    return text.toString();
  }
}
