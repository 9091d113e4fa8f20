package dev.ember.catalyst.parser;

import java.util.Map;
import java.util.Objects;

/** One SQL statement, as parsed. */
public sealed interface Statement {

  /** A query: {@code SELECT ...}, {@code WITH ...}, {@code VALUES ...}, {@code (query)}, set operations. */
  record Query(QueryNode query) implements Statement {
    public Query {
      Objects.requireNonNull(query, "query is null");
    }
  }

  /** {@code EXPLAIN [EXTENDED|FORMATTED|CODEGEN|COST] query}; {@code mode} is the DataFrame explain mode name. */
  record Explain(String mode, QueryNode query) implements Statement {
    public Explain {
      Objects.requireNonNull(mode, "mode is null");
      Objects.requireNonNull(query, "query is null");
    }
  }

  /** {@code SHOW TABLES}. */
  record ShowTables() implements Statement {}

  /** {@code DESCRIBE [TABLE] name}. */
  record Describe(String name) implements Statement {
    public Describe {
      Objects.requireNonNull(name, "name is null");
    }
  }

  /** {@code CREATE [OR REPLACE] TEMPORARY VIEW name AS query}. */
  record CreateView(String name, boolean replace, QueryNode query) implements Statement {
    public CreateView {
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(query, "query is null");
    }
  }

  /** {@code CREATE [OR REPLACE] TEMPORARY VIEW name USING format OPTIONS (key 'value', ...)}. */
  record CreateDataSourceView(String name, boolean replace, String format, Map<String, String> options)
      implements Statement {
    public CreateDataSourceView {
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(format, "format is null");
      options = Map.copyOf(options);
    }
  }

  /** {@code DROP VIEW [IF EXISTS] name}. */
  record DropView(String name, boolean ifExists) implements Statement {
    public DropView {
      Objects.requireNonNull(name, "name is null");
    }
  }
}
