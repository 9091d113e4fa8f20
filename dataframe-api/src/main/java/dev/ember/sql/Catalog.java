package dev.ember.sql;

import dev.ember.catalyst.analysis.RelationLookup;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session's temporary views, as Spark's {@code spark.catalog()}: what {@code
 * df.createOrReplaceTempView(name)} registers and {@code session.sql} and {@code session.table}
 * read. Names are case-insensitive (Spark's default); a view keeps the analyzed plan of its
 * DataFrame, so reading it again re-reads its source. Thread-safe.
 */
public final class Catalog {
  private static final StructType TABLES_SCHEMA = new StructType()
      .add("name", DataTypes.StringType, false)
      .add("namespace", DataTypes.StringType, true)
      .add("description", DataTypes.StringType, true)
      .add("tableType", DataTypes.StringType, false)
      .add("isTemporary", DataTypes.BooleanType, false);

  private final EmberSession session;
  private final Map<String, View> views = new ConcurrentHashMap<>();

  Catalog(EmberSession session) {
    this.session = session;
  }

  /** One row per temporary view, by name: name, namespace (null), description (null), tableType, isTemporary. */
  public DataFrame listTables() {
    List<Row> rows = new ArrayList<>();
    for (View view : sortedViews()) {
      rows.add(RowFactory.create(view.name(), null, null, "TEMPORARY", true));
    }
    return session.createDataFrame(rows, TABLES_SCHEMA);
  }

  /** Whether a temporary view of this name exists (case-insensitive). */
  public boolean tableExists(String tableName) {
    return views.containsKey(key(tableName));
  }

  /** Drops the temporary view; returns whether there was one. */
  public boolean dropTempView(String viewName) {
    return views.remove(key(viewName)) != null;
  }

  // ---- for the session, DataFrame and SQL statements ----

  /** Registers {@code plan} as {@code name}; without {@code replace}, an existing name fails. */
  void register(String name, LogicalPlan plan, boolean replace) {
    Objects.requireNonNull(plan, "plan is null");
    String key = key(name);
    if (name.isBlank() || name.indexOf('.') >= 0) {
      throw new AnalysisException("[INVALID_VIEW_NAME] A temporary view name is one identifier without a"
          + " database or a dot, got `" + name + "`.");
    }
    View view = new View(name, plan);
    if (replace) {
      views.put(key, view);
    } else if (views.putIfAbsent(key, view) != null) {
      throw new AnalysisException("[TEMP_TABLE_OR_VIEW_ALREADY_EXISTS] Cannot create the temporary view `" + name
          + "` because it already exists. Choose a different name, drop it first, or use CREATE OR REPLACE.");
    }
  }

  Optional<LogicalPlan> find(String name) {
    View view = views.get(key(name));
    return view == null ? Optional.empty() : Optional.of(view.plan());
  }

  List<String> names() {
    return sortedViews().stream().map(View::name).toList();
  }

  /** The views as the analyzer's relation lookup. */
  RelationLookup lookup() {
    return new RelationLookup() {
      @Override
      public Optional<LogicalPlan> find(String name) {
        return Catalog.this.find(name);
      }

      @Override
      public List<String> names() {
        return Catalog.this.names();
      }
    };
  }

  private List<View> sortedViews() {
    return views.values().stream().sorted(Comparator.comparing(view -> key(view.name()))).toList();
  }

  private static String key(String name) {
    return Objects.requireNonNull(name, "name is null").toLowerCase(Locale.ROOT);
  }

  private record View(String name, LogicalPlan plan) {}
}
