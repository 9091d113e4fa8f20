package dev.ember.sql;

import dev.ember.catalyst.analysis.AnalysisFailure;
import dev.ember.catalyst.analysis.QueryAnalyzer;
import dev.ember.catalyst.parser.QueryNode;
import dev.ember.catalyst.parser.SqlParseException;
import dev.ember.catalyst.parser.SqlParser;
import dev.ember.catalyst.parser.Statement;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one SQL statement for {@link EmberSession#sql}: parses it, analyzes a query through the
 * shared analyzer (eagerly: errors surface here, before anything runs), and executes the catalog
 * statements. Parse errors become {@link ParseException}, analysis errors {@link AnalysisException}.
 */
final class SqlStatements {
  private static final StructType EXPLAIN_SCHEMA = new StructType().add("plan", DataTypes.StringType, false);
  private static final StructType DESCRIBE_SCHEMA = new StructType()
      .add("col_name", DataTypes.StringType, false)
      .add("data_type", DataTypes.StringType, false)
      .add("comment", DataTypes.StringType, true);
  private static final StructType SHOW_TABLES_SCHEMA = new StructType()
      .add("namespace", DataTypes.StringType, false)
      .add("tableName", DataTypes.StringType, false)
      .add("isTemporary", DataTypes.BooleanType, false);

  private final EmberSession session;

  SqlStatements(EmberSession session) {
    this.session = session;
  }

  DataFrame run(String sqlText) {
    Statement statement;
    try {
      statement = SqlParser.parse(sqlText);
    } catch (SqlParseException failure) {
      throw new ParseException(failure.getMessage(), failure.line(), failure.column(), failure);
    }
    return switch (statement) {
      case Statement.Query query -> new DataFrame(session, analyze(query.query())).withSqlText(sqlText);
      case Statement.Explain explain -> {
        DataFrame explained = new DataFrame(session, analyze(explain.query()));
        String text;
        try {
          text = explained.explainString(explain.mode());
        } catch (IllegalArgumentException unsupportedMode) {
          throw new AnalysisException(unsupportedMode.getMessage(), unsupportedMode);
        }
        yield session.createDataFrame(List.of(RowFactory.create(text)), EXPLAIN_SCHEMA);
      }
      case Statement.ShowTables ignored -> {
        List<Row> rows = new ArrayList<>();
        for (String name : session.catalog().names()) {
          rows.add(RowFactory.create("", name, true));
        }
        yield session.createDataFrame(rows, SHOW_TABLES_SCHEMA);
      }
      case Statement.Describe describe -> {
        LogicalPlan plan = session.table(describe.name()).logicalPlan();
        List<Row> rows = new ArrayList<>();
        for (AttributeReference attribute : plan.output()) {
          rows.add(RowFactory.create(attribute.name(), attribute.type().simpleString(), null));
        }
        yield session.createDataFrame(rows, DESCRIBE_SCHEMA);
      }
      case Statement.CreateView create -> {
        session.catalog().register(create.name(), analyze(create.query()), create.replace());
        yield session.emptyDataFrame();
      }
      case Statement.CreateDataSourceView create -> {
        session.catalog().register(create.name(), dataSource(create), create.replace());
        yield session.emptyDataFrame();
      }
      case Statement.DropView drop -> {
        if (!session.catalog().dropTempView(drop.name()) && !drop.ifExists()) {
          throw new AnalysisException("[TABLE_OR_VIEW_NOT_FOUND] The view `" + drop.name()
              + "` cannot be found; use DROP VIEW IF EXISTS to ignore a missing view.");
        }
        yield session.emptyDataFrame();
      }
    };
  }

  /** {@code session.table(name)}: the view, qualified by its name, as {@code FROM name} reads it. */
  DataFrame table(String name) {
    return new DataFrame(session, analyze(new QueryNode.TableReference(name)));
  }

  private LogicalPlan analyze(QueryNode query) {
    try {
      return new QueryAnalyzer(session.analyzer(), session.catalog().lookup()).analyze(query);
    } catch (AnalysisFailure failure) {
      throw new AnalysisException(failure.getMessage(), failure);
    }
  }

  /** {@code USING csv OPTIONS (path '...', ...)}: the reader's DataFrame, the other options passed as reader options. */
  private LogicalPlan dataSource(Statement.CreateDataSourceView create) {
    if (!create.format().equals("csv")) {
      throw new AnalysisException("[UNSUPPORTED_DATA_SOURCE] The data source `" + create.format()
          + "` is not supported in CREATE TEMPORARY VIEW ... USING; supported: csv.");
    }
    Map<String, String> options = new HashMap<>();
    String path = null;
    for (Map.Entry<String, String> option : create.options().entrySet()) {
      if (option.getKey().equalsIgnoreCase("path")) {
        path = option.getValue();
      } else {
        options.put(option.getKey(), option.getValue());
      }
    }
    if (path == null) {
      throw new AnalysisException("CREATE TEMPORARY VIEW `" + create.name() + "` USING csv needs OPTIONS (path '...').");
    }
    return session.read().options(options).csv(path).logicalPlan();
  }
}
