package dev.ember.sql.optimizer;

import static dev.ember.sql.functions.avg;
import static dev.ember.sql.functions.broadcast;
import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.countDistinct;
import static dev.ember.sql.functions.max;
import static dev.ember.sql.functions.min;
import static dev.ember.sql.functions.sum;

import dev.ember.sql.Column;
import dev.ember.sql.DataFrame;
import dev.ember.sql.types.StructField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Random DataFrame programs over {@link RandomTables}: chains of up to six operations (filter,
 * select, withColumn, drop, rename, groupBy/agg, distinct, dropDuplicates, join of every type,
 * union, total sort with or without a limit, repartition, coalesce), where a join or union brings in
 * a second, shorter program or the same one again (a self-join through aliases). Each operation
 * is built at once, so its output schema guides the next choice, and is written down as a line of
 * Java DSL text; the text reproduces the program.
 *
 * <p>Only deterministic programs are made: a limit only right after a sort over all columns (a
 * total order), no {@code first}, and {@code dropDuplicates(keys)} only where the other columns
 * are functions of the keys. Joins whose worst-case size exceeds {@link #MAX_JOIN_ROWS} are not made.
 */
final class ProgramGenerator {
  static final long MAX_JOIN_ROWS = 20_000;
  static final int MAX_OPERATIONS = 6;

  /** A built step: its DataFrame, the variable naming it in the text, its columns, a bound on its rows. */
  record Frame(DataFrame frame, String variable, List<Field> fields, long rowBound, boolean totallyOrdered) {}

  /** A whole program: the DataFrame, its text, whether its result order is defined, its operation count. */
  record GeneratedProgram(DataFrame frame, String text, boolean ordered, int operations) {}

  private final Random random;
  private final ExpressionGenerator expressions;
  private final Map<String, DataFrame> tables;
  private final Map<String, Integer> tableRows;
  private final StringBuilder text = new StringBuilder();
  private int nextVariable;
  private int nextName;
  private int operations;

  ProgramGenerator(Random random, Map<String, DataFrame> tables, RandomTables data) {
    this.random = random;
    this.expressions = new ExpressionGenerator(random);
    this.tables = tables;
    this.tableRows = new java.util.HashMap<>();
    data.tables().forEach((name, table) -> tableRows.put(name, table.rows().size()));
  }

  /**
   * A random program; it may throw {@link dev.ember.sql.AnalysisException} when a step does not
   * analyze (the caller skips such programs).
   */
  GeneratedProgram generate() {
    Frame result = chain(1 + random.nextInt(MAX_OPERATIONS));
    if (!result.totallyOrdered() && random.nextInt(3) == 0) {
      result = sort(result, false);
    }
    text.append("result = ").append(result.variable()).append(result.totallyOrdered() ? "  // total order\n" : "\n");
    return new GeneratedProgram(result.frame(), text.toString(), result.totallyOrdered(), operations);
  }

  private Frame chain(int length) {
    Frame current = table();
    for (int i = 0; i < length; i++) {
      current = step(current, length - i - 1);
      operations++;
    }
    return current;
  }

  private Frame table() {
    String name = expressions.pick(new ArrayList<>(tables.keySet()));
    DataFrame frame = tables.get(name);
    return new Frame(frame, name, fields(frame), tableRows.get(name), false);
  }

  private Frame step(Frame input, int remaining) {
    int choice = random.nextInt(22);
    if (choice < 5) {
      return filter(input);
    } else if (choice < 7) {
      return select(input);
    } else if (choice < 9) {
      return withColumn(input);
    } else if (choice < 10) {
      return random.nextBoolean() && input.fields().size() > 1 ? drop(input) : rename(input);
    } else if (choice < 12) {
      return aggregate(input);
    } else if (choice < 13) {
      return distinct(input);
    } else if (choice < 14) {
      return dropDuplicates(input);
    } else if (choice < 18) {
      return join(input, remaining);
    } else if (choice < 19) {
      return union(input, remaining);
    } else if (choice < 21) {
      return sort(input, true);
    }
    return repartition(input);
  }

  // ---- unary steps ----

  private Frame filter(Frame input) {
    GeneratedColumn condition = filterCondition(input.fields());
    return emit(input.rowBound(), false, "%s.filter(%s)", () -> input.frame().filter(condition.column()),
        input.variable(), condition.text());
  }

  /**
   * A filter's condition: a plain range test on a column (which keeps about half the rows), a
   * random condition, or two random ones ORed, so that chains of filters still leave rows.
   */
  private GeneratedColumn filterCondition(List<Field> fields) {
    int choice = random.nextInt(10);
    if (choice < 4) {
      Field field = expressions.pick(fields);
      GeneratedColumn column = ExpressionGenerator.column(field);
      if (field.type() == ValueType.BOOLEAN || random.nextInt(5) == 0) {
        return new GeneratedColumn(column.column().isNotNull(), column.text() + ".isNotNull()", ValueType.BOOLEAN);
      }
      GeneratedColumn literal = expressions.literal(field.type());
      return switch (random.nextInt(5)) {
        case 0 -> new GeneratedColumn(column.column().gt(literal.column()), column.text() + ".gt(" + literal.text() + ")", ValueType.BOOLEAN);
        case 1 -> new GeneratedColumn(column.column().geq(literal.column()), column.text() + ".geq(" + literal.text() + ")", ValueType.BOOLEAN);
        case 2 -> new GeneratedColumn(column.column().lt(literal.column()), column.text() + ".lt(" + literal.text() + ")", ValueType.BOOLEAN);
        case 3 -> new GeneratedColumn(column.column().leq(literal.column()), column.text() + ".leq(" + literal.text() + ")", ValueType.BOOLEAN);
        default -> new GeneratedColumn(column.column().notEqual(literal.column()), column.text() + ".notEqual(" + literal.text() + ")", ValueType.BOOLEAN);
      };
    }
    if (choice < 8) {
      return expressions.condition(fields, 1 + random.nextInt(2));
    }
    GeneratedColumn left = expressions.condition(fields, 1 + random.nextInt(2));
    GeneratedColumn right = expressions.condition(fields, 1);
    return new GeneratedColumn(left.column().or(right.column()), left.text() + ".or(" + right.text() + ")", ValueType.BOOLEAN);
  }

  private Frame select(Frame input) {
    List<Field> kept = subset(input.fields(), 0);
    List<Column> columns = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Field field : kept) {
      if (random.nextInt(6) == 0) {
        String name = newName();
        columns.add(col(field.reference()).as(name));
        texts.add("col(" + ExpressionGenerator.quote(field.reference()) + ").as(\"" + name + "\")");
      } else {
        columns.add(col(field.reference()));
        texts.add("col(" + ExpressionGenerator.quote(field.reference()) + ")");
      }
    }
    int computed = (columns.isEmpty() ? 1 : 0) + random.nextInt(3);
    for (int i = 0; i < computed; i++) {
      GeneratedColumn value = expressions.value(input.fields(), expressions.pick(ValueType.ALL), 1 + random.nextInt(3));
      String name = newName();
      columns.add(value.column().as(name));
      texts.add(value.text() + ".as(\"" + name + "\")");
    }
    return emit(input.rowBound(), false, "%s.select(%s)", () -> input.frame().select(columns.toArray(new Column[0])),
        input.variable(), String.join(", ", texts));
  }

  private Frame withColumn(Frame input) {
    boolean replace = random.nextInt(3) == 0;
    String name = replace ? expressions.pick(input.fields()).name() : newName();
    GeneratedColumn value = expressions.value(input.fields(), expressions.pick(ValueType.ALL), 1 + random.nextInt(3));
    return emit(input.rowBound(), false, "%s.withColumn(\"%s\", %s)", () -> input.frame().withColumn(name, value.column()),
        input.variable(), name, value.text());
  }

  private Frame drop(Frame input) {
    String name = expressions.pick(input.fields()).name();
    return emit(input.rowBound(), false, "%s.drop(\"%s\")", () -> input.frame().drop(name), input.variable(), name);
  }

  private Frame rename(Frame input) {
    String existing = expressions.pick(input.fields()).name();
    String name = newName();
    return emit(input.rowBound(), false, "%s.withColumnRenamed(\"%s\", \"%s\")",
        () -> input.frame().withColumnRenamed(existing, name), input.variable(), existing, name);
  }

  private Frame aggregate(Frame input) {
    List<Field> keys = random.nextInt(5) == 0 ? List.of() : subset(input.fields(), 1 + random.nextInt(2));
    List<Column> aggregates = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      String name = newName();
      GeneratedColumn aggregate = aggregateCall(input.fields());
      aggregates.add(aggregate.column().as(name));
      texts.add(aggregate.text() + ".as(\"" + name + "\")");
    }
    Column first = aggregates.get(0);
    Column[] rest = aggregates.subList(1, aggregates.size()).toArray(new Column[0]);
    if (keys.isEmpty()) {
      return emit(1, false, "%s.agg(%s)", () -> input.frame().agg(first, rest), input.variable(), String.join(", ", texts));
    }
    List<Column> keyList = new ArrayList<>();
    List<String> keyTexts = new ArrayList<>();
    for (Field key : keys) {
      keyList.add(col(key.reference()));
      keyTexts.add("col(" + ExpressionGenerator.quote(key.reference()) + ")");
    }
    if (random.nextInt(4) == 0) {
      // a computed grouping key, named
      GeneratedColumn computed = expressions.value(input.fields(), expressions.pick(ValueType.ALL), 1);
      String name = newName();
      keyList.add(computed.column().as(name));
      keyTexts.add(computed.text() + ".as(\"" + name + "\")");
    }
    Column[] keyColumns = keyList.toArray(new Column[0]);
    String keyText = String.join(", ", keyTexts);
    return emit(input.rowBound(), false, "%s.groupBy(%s).agg(%s)", () -> input.frame().groupBy(keyColumns).agg(first, rest),
        input.variable(), keyText, String.join(", ", texts));
  }

  /** count, sum, avg, min, max or countDistinct; never first (its value depends on row order). */
  private GeneratedColumn aggregateCall(List<Field> fields) {
    List<Field> numeric = fields.stream().filter(field -> field.type().isNumeric()).toList();
    int choice = random.nextInt(7);
    if ((choice == 2 || choice == 3) && !numeric.isEmpty()) {
      GeneratedColumn argument = random.nextInt(4) == 0
          ? expressions.value(fields, expressions.pick(numeric).type(), 1)
          : ExpressionGenerator.column(expressions.pick(numeric));
      return choice == 2
          ? new GeneratedColumn(sum(argument.column()), "sum(" + argument.text() + ")", ValueType.DOUBLE)
          : new GeneratedColumn(avg(argument.column()), "avg(" + argument.text() + ")", ValueType.DOUBLE);
    }
    GeneratedColumn argument = random.nextInt(4) == 0
        ? expressions.value(fields, expressions.pick(ValueType.ALL), 1)
        : ExpressionGenerator.column(expressions.pick(fields));
    return switch (choice) {
      case 0 -> new GeneratedColumn(count(col("*")), "count(col(\"*\"))", ValueType.LONG);
      case 1 -> new GeneratedColumn(count(argument.column()), "count(" + argument.text() + ")", ValueType.LONG);
      case 4 -> new GeneratedColumn(min(argument.column()), "min(" + argument.text() + ")", argument.type());
      case 5 -> new GeneratedColumn(max(argument.column()), "max(" + argument.text() + ")", argument.type());
      default -> {
        if (fields.size() > 1 && random.nextBoolean()) {
          List<Field> two = subset(fields, 2);
          GeneratedColumn second = ExpressionGenerator.column(two.get(1));
          GeneratedColumn firstColumn = ExpressionGenerator.column(two.get(0));
          yield new GeneratedColumn(countDistinct(firstColumn.column(), second.column()),
              "countDistinct(" + firstColumn.text() + ", " + second.text() + ")", ValueType.LONG);
        }
        yield new GeneratedColumn(countDistinct(argument.column()), "countDistinct(" + argument.text() + ")", ValueType.LONG);
      }
    };
  }

  private Frame distinct(Frame input) {
    if (random.nextBoolean()) {
      return emit(input.rowBound(), false, "%s.distinct()", () -> input.frame().distinct(), input.variable());
    }
    return emit(input.rowBound(), false, "%s.dropDuplicates()", () -> input.frame().dropDuplicates(), input.variable());
  }

  /**
   * {@code dropDuplicates(keys)} keeps an arbitrary row per key: only deterministic when the other
   * columns are functions of the keys, so the input is first narrowed to the keys and a column
   * computed from them.
   */
  private Frame dropDuplicates(Frame input) {
    List<Field> keys = subset(input.fields(), 1 + random.nextInt(Math.min(2, input.fields().size())));
    GeneratedColumn derived = expressions.value(keys, expressions.pick(ValueType.ALL), 2);
    String name = newName();
    List<Column> columns = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Field key : keys) {
      columns.add(col(key.reference()));
      texts.add("col(" + ExpressionGenerator.quote(key.reference()) + ")");
    }
    columns.add(derived.column().as(name));
    texts.add(derived.text() + ".as(\"" + name + "\")");
    String[] keyNames = keys.stream().map(Field::name).toArray(String[]::new);
    String keyText = String.join(", ", keys.stream().map(key -> "\"" + key.name() + "\"").toList());
    return emit(input.rowBound(), false, "%s.select(%s).dropDuplicates(%s)",
        () -> input.frame().select(columns.toArray(new Column[0])).dropDuplicates(keyNames),
        input.variable(), String.join(", ", texts), keyText);
  }

  /** A sort over every column (a total order), then sometimes a limit: a top-N. */
  private Frame sort(Frame input, boolean maybeLimit) {
    List<Field> order = new ArrayList<>(input.fields());
    Collections.shuffle(order, random);
    List<Column> keys = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Field field : order) {
      String direction = expressions.pick(List.of("asc", "desc", "asc_nulls_last", "desc_nulls_first", ""));
      Column column = col(field.reference());
      keys.add(switch (direction) {
        case "asc" -> column.asc();
        case "desc" -> column.desc();
        case "asc_nulls_last" -> column.asc_nulls_last();
        case "desc_nulls_first" -> column.desc_nulls_first();
        default -> column;
      });
      texts.add("col(" + ExpressionGenerator.quote(field.reference()) + ")" + (direction.isEmpty() ? "" : "." + direction + "()"));
    }
    Column[] sortKeys = keys.toArray(new Column[0]);
    if (maybeLimit && random.nextBoolean()) {
      int limit = random.nextInt((int) Math.min(input.rowBound() + 3, 40));
      return emit(Math.min(limit, input.rowBound()), true, "%s.orderBy(%s).limit(%d)",
          () -> input.frame().orderBy(sortKeys).limit(limit), input.variable(), String.join(", ", texts), limit);
    }
    return emit(input.rowBound(), true, "%s.orderBy(%s)", () -> input.frame().orderBy(sortKeys),
        input.variable(), String.join(", ", texts));
  }

  private Frame repartition(Frame input) {
    int partitions = 1 + random.nextInt(5);
    return switch (random.nextInt(3)) {
      case 0 -> emit(input.rowBound(), false, "%s.repartition(%d)", () -> input.frame().repartition(partitions),
          input.variable(), partitions);
      case 1 -> {
        List<Field> keys = subset(input.fields(), 1);
        Column[] columns = keys.stream().map(field -> col(field.reference())).toArray(Column[]::new);
        yield emit(input.rowBound(), false, "%s.repartition(%d, col(%s))", () -> input.frame().repartition(partitions, columns),
            input.variable(), partitions, ExpressionGenerator.quote(keys.get(0).reference()));
      }
      default -> emit(input.rowBound(), false, "%s.coalesce(%d)", () -> input.frame().coalesce(partitions),
          input.variable(), partitions);
    };
  }

  // ---- binary steps ----

  private Frame join(Frame left, int remaining) {
    boolean self = random.nextInt(4) == 0;
    Frame right = self ? left : chain(random.nextInt(Math.min(remaining, 2) + 1));
    String type = expressions.pick(List.of("inner", "inner", "left", "right", "full", "left_semi", "left_anti",
        "cross", "outer", "leftouter", "right_outer", "semi", "anti"));
    boolean keepsRightColumns = !type.contains("semi") && !type.contains("anti");
    long bound = keepsRightColumns ? left.rowBound() * Math.max(1, right.rowBound()) + left.rowBound() + right.rowBound() : left.rowBound();
    if (bound > MAX_JOIN_ROWS) {
      return filter(left);
    }
    boolean byUsingColumn = !self && !type.equals("cross") && random.nextInt(5) == 0;
    if (!self && (keepsRightColumns || byUsingColumn)) {
      right = withoutClashes(right, left.fields());
    }
    if (byUsingColumn) {
      Frame using = usingJoin(left, right, type, bound);
      if (using != null) {
        return using;
      }
    }
    int id = nextVariable;
    String leftAlias = "L" + id;
    String rightAlias = "R" + id;
    List<Field> leftFields = left.fields().stream().map(field -> field.qualified(leftAlias)).toList();
    List<Field> rightFields = right.fields().stream().map(field -> field.qualified(rightAlias)).toList();
    GeneratedColumn condition = joinCondition(leftFields, rightFields, type.equals("cross"));
    Frame finalRight = right;
    boolean hint = random.nextInt(6) == 0;
    String leftText = left.variable() + ".alias(\"" + leftAlias + "\")";
    String rightText = hint
        ? "broadcast(" + finalRight.variable() + ".alias(\"" + rightAlias + "\"))"
        : finalRight.variable() + ".alias(\"" + rightAlias + "\")";
    Supplier<DataFrame> rightSide = hint
        ? () -> broadcast(finalRight.frame().alias(rightAlias))
        : () -> finalRight.frame().alias(rightAlias);
    Supplier<DataFrame> build;
    String format;
    if (condition == null) {
      build = () -> left.frame().alias(leftAlias).crossJoin(rightSide.get());
      format = leftText + ".crossJoin(" + rightText + ")";
    } else {
      build = () -> left.frame().alias(leftAlias).join(rightSide.get(), condition.column(), type);
      format = leftText + ".join(" + rightText + ", " + condition.text() + ", \"" + type + "\")";
    }
    if (self && keepsRightColumns) {
      // both sides have the same names: keep them apart by their qualifiers
      List<Column> columns = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (Field field : leftFields) {
        columns.add(col(field.reference()));
        texts.add("col(" + ExpressionGenerator.quote(field.reference()) + ")");
      }
      for (Field field : rightFields) {
        String name = newName();
        columns.add(col(field.reference()).as(name));
        texts.add("col(" + ExpressionGenerator.quote(field.reference()) + ").as(\"" + name + "\")");
      }
      Supplier<DataFrame> joined = build;
      build = () -> joined.get().select(columns.toArray(new Column[0]));
      format = format + ".select(" + String.join(", ", texts) + ")";
    }
    Supplier<DataFrame> finalBuild = build;
    Frame joined = emit(bound, false, "%s", finalBuild, format);
    if (random.nextBoolean()) {
      return joined;
    }
    // A WHERE right above the join, on one side's columns or both: what predicate pushdown moves.
    int leftWidth = left.fields().size();
    List<Field> fields = joined.fields();
    List<Field> side = switch (random.nextInt(3)) {
      case 0 -> fields.subList(0, Math.min(leftWidth, fields.size()));
      case 1 -> fields.size() > leftWidth ? fields.subList(leftWidth, fields.size()) : fields;
      default -> fields;
    };
    GeneratedColumn condition2 = filterCondition(side);
    return emit(joined.rowBound(), false, "%s.filter(%s)", () -> joined.frame().filter(condition2.column()),
        joined.variable(), condition2.text());
  }

  /**
   * A join on a column both sides have ({@code join(right, List.of("k"), type)}): the right's key
   * is renamed to the left's first. The output has the key once (for a full join, the non-null of
   * the two), then the left's other columns, then the right's. Null when no two columns have the
   * same type.
   */
  private Frame usingJoin(Frame left, Frame right, String type, long bound) {
    List<Field[]> pairs = new ArrayList<>();
    for (Field l : left.fields()) {
      for (Field r : right.fields()) {
        if (l.type() == r.type()) {
          pairs.add(new Field[] {l, r});
        }
      }
    }
    if (pairs.isEmpty()) {
      return null;
    }
    Field[] pair = expressions.pick(pairs);
    String key = pair[0].name();
    Frame renamed = emit(right.rowBound(), false, "%s.withColumnRenamed(\"%s\", \"%s\")",
        () -> right.frame().withColumnRenamed(pair[1].name(), key), right.variable(), pair[1].name(), key);
    return emit(bound, false, "%s.join(%s, List.of(\"%s\"), \"%s\")",
        () -> left.frame().join(renamed.frame(), List.of(key), type), left.variable(), renamed.variable(), key, type);
  }

  /**
   * Equi-conditions on pairs of compatible columns, plus sometimes conjuncts on one side only and
   * comparisons across the sides; null (no condition) only for some cross joins.
   */
  private GeneratedColumn joinCondition(List<Field> left, List<Field> right, boolean cross) {
    if (cross && random.nextBoolean()) {
      return null;
    }
    List<GeneratedColumn> conjuncts = new ArrayList<>();
    int keys = random.nextInt(6) == 0 ? 0 : 1 + (random.nextInt(4) == 0 ? 1 : 0);
    for (int i = 0; i < keys; i++) {
      Field[] pair = keyPair(left, right);
      if (pair == null) {
        continue;
      }
      GeneratedColumn l = ExpressionGenerator.column(pair[0]);
      GeneratedColumn r = ExpressionGenerator.column(pair[1]);
      conjuncts.add(new GeneratedColumn(l.column().equalTo(r.column()), l.text() + ".equalTo(" + r.text() + ")", ValueType.BOOLEAN));
    }
    if (random.nextInt(3) == 0) {
      conjuncts.add(expressions.condition(left, 1 + random.nextInt(2)));
    }
    if (random.nextInt(3) == 0) {
      conjuncts.add(expressions.condition(right, 1 + random.nextInt(2)));
    }
    if (conjuncts.isEmpty() || random.nextInt(4) == 0) {
      List<Field> both = new ArrayList<>(left);
      both.addAll(right);
      Field leftField = expressions.pick(left);
      List<Field> compatible = right.stream().filter(field -> compatible(field.type(), leftField.type())).toList();
      if (!compatible.isEmpty()) {
        conjuncts.add(expressions.compare(ExpressionGenerator.column(leftField), ExpressionGenerator.column(expressions.pick(compatible))));
      } else {
        conjuncts.add(expressions.condition(both, 1));
      }
    }
    GeneratedColumn condition = conjuncts.get(0);
    for (GeneratedColumn next : conjuncts.subList(1, conjuncts.size())) {
      condition = new GeneratedColumn(condition.column().and(next.column()), condition.text() + ".and(" + next.text() + ")", ValueType.BOOLEAN);
    }
    return condition;
  }

  /**
   * Two columns to equate: mostly of the same type, INT pairs first (the tables' skewed keys make
   * matches likely), sometimes any two numbers; null when the sides have nothing comparable.
   */
  private Field[] keyPair(List<Field> left, List<Field> right) {
    List<Field[]> same = new ArrayList<>();
    List<Field[]> ints = new ArrayList<>();
    List<Field[]> numeric = new ArrayList<>();
    for (Field l : left) {
      for (Field r : right) {
        if (l.type() == r.type()) {
          same.add(new Field[] {l, r});
          if (l.type() == ValueType.INT) {
            ints.add(new Field[] {l, r});
          }
        } else if (compatible(l.type(), r.type())) {
          numeric.add(new Field[] {l, r});
        }
      }
    }
    int choice = random.nextInt(10);
    if (choice < 6 && !ints.isEmpty()) {
      return expressions.pick(ints);
    }
    if (choice < 9 && !same.isEmpty()) {
      return expressions.pick(same);
    }
    if (!numeric.isEmpty()) {
      return expressions.pick(numeric);
    }
    return same.isEmpty() ? null : expressions.pick(same);
  }

  private static boolean compatible(ValueType left, ValueType right) {
    return left == right || (left.isNumeric() && right.isNumeric());
  }

  /** {@code frame} with the columns whose names {@code taken} has renamed to fresh names. */
  private Frame withoutClashes(Frame frame, List<Field> taken) {
    Set<String> names = new HashSet<>();
    taken.forEach(field -> names.add(field.name().toLowerCase(java.util.Locale.ROOT)));
    Frame current = frame;
    for (Field field : frame.fields()) {
      if (names.contains(field.name().toLowerCase(java.util.Locale.ROOT))) {
        Frame input = current;
        String name = newName();
        current = emit(input.rowBound(), false, "%s.withColumnRenamed(\"%s\", \"%s\")",
            () -> input.frame().withColumnRenamed(field.name(), name), input.variable(), field.name(), name);
      }
    }
    return current;
  }

  /** UNION ALL with another program (or this one filtered) made to fit this one's column types. */
  private Frame union(Frame left, int remaining) {
    Frame other = random.nextInt(3) == 0 ? filter(left) : chain(random.nextInt(Math.min(remaining, 2) + 1));
    List<Field> available = new ArrayList<>(other.fields());
    List<Column> columns = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Field target : left.fields()) {
      GeneratedColumn value = null;
      for (Field candidate : available) {
        if (candidate.type() == target.type()) {
          value = ExpressionGenerator.column(candidate);
          available.remove(candidate);
          break;
        }
      }
      if (value == null) {
        value = random.nextBoolean() || other.fields().isEmpty()
            ? ExpressionGenerator.typedNull(target.type())
            : castTo(ExpressionGenerator.column(expressions.pick(other.fields())), target.type());
      }
      columns.add(value.column().as(target.name()));
      texts.add(value.text() + ".as(\"" + target.name() + "\")");
    }
    boolean byName = random.nextBoolean();
    if (byName) {
      // unionByName matches by name: present the columns in another order
      long seed = random.nextLong();
      Collections.shuffle(columns, new Random(seed));
      Collections.shuffle(texts, new Random(seed));
    }
    Frame conformedOther = other;
    long bound = left.rowBound() + other.rowBound();
    String method = byName ? "unionByName" : "union";
    return emit(bound, false, "%s.%s(%s.select(%s))",
        () -> byName
            ? left.frame().unionByName(conformedOther.frame().select(columns.toArray(new Column[0])))
            : left.frame().union(conformedOther.frame().select(columns.toArray(new Column[0]))),
        left.variable(), method, other.variable(), String.join(", ", texts));
  }

  private static GeneratedColumn castTo(GeneratedColumn value, ValueType type) {
    boolean allowed = switch (type) {
      case STRING -> true;
      case INT, LONG, DOUBLE -> value.type() != ValueType.DATE;
      case BOOLEAN -> value.type() != ValueType.DATE;
      case DATE -> value.type() == ValueType.STRING || value.type() == ValueType.DATE;
    };
    if (!allowed) {
      return ExpressionGenerator.typedNull(type);
    }
    return new GeneratedColumn(value.column().cast(type.ddlName()), value.text() + ".cast(\"" + type.ddlName() + "\")", type);
  }

  // ---- plumbing ----

  /** Builds a step, writes its line and reads its columns from the built DataFrame. */
  private Frame emit(long rowBound, boolean totallyOrdered, String format, Supplier<DataFrame> build, Object... arguments) {
    String variable = "v" + nextVariable++;
    text.append("DataFrame ").append(variable).append(" = ").append(String.format(format, arguments)).append(";\n");
    DataFrame frame = build.get();
    return new Frame(frame, variable, fields(frame), rowBound, totallyOrdered);
  }

  private static List<Field> fields(DataFrame frame) {
    List<Field> fields = new ArrayList<>();
    for (StructField field : frame.schema().fields()) {
      fields.add(Field.of(field.name(), ValueType.of(field.dataType())));
    }
    return fields;
  }

  /** {@code size} distinct fields in random order ({@code 0}: a random non-empty subset). */
  private List<Field> subset(List<Field> fields, int size) {
    List<Field> shuffled = new ArrayList<>(fields);
    Collections.shuffle(shuffled, random);
    int count = size == 0 ? 1 + random.nextInt(shuffled.size()) : Math.min(size, shuffled.size());
    return List.copyOf(shuffled.subList(0, count));
  }

  private String newName() {
    return "c" + nextName++;
  }
}
