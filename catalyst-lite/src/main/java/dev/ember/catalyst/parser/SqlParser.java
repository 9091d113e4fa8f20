package dev.ember.catalyst.parser;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.CaseWhenCall;
import dev.ember.catalyst.expression.UnresolvedExpression.CastTo;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import dev.ember.catalyst.expression.UnresolvedExpression.Named;
import dev.ember.catalyst.expression.UnresolvedExpression.SortKey;
import dev.ember.catalyst.parser.QueryNode.Aliased;
import dev.ember.catalyst.parser.QueryNode.CommonTableExpression;
import dev.ember.catalyst.parser.QueryNode.JoinNode;
import dev.ember.catalyst.parser.QueryNode.Limited;
import dev.ember.catalyst.parser.QueryNode.Select;
import dev.ember.catalyst.parser.QueryNode.SetOperation;
import dev.ember.catalyst.parser.QueryNode.SetOperator;
import dev.ember.catalyst.parser.QueryNode.Sorted;
import dev.ember.catalyst.parser.QueryNode.TableReference;
import dev.ember.catalyst.parser.QueryNode.Values;
import dev.ember.catalyst.parser.QueryNode.With;
import dev.ember.catalyst.parser.Token.Kind;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.ColumnType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser for Spark's SQL dialect (the subset Ember runs): one method per
 * grammar rule, precedence climbing by one method per level (OR, AND, NOT, predicates, additive,
 * multiplicative, unary, primary). Keywords and identifiers are case-insensitive; a reserved word
 * is never taken as an implicit alias. Errors are {@link SqlParseException}s at the offending
 * token. Stateless between calls: {@link #parse} makes a fresh parser per statement.
 */
public final class SqlParser {
  /** Words that end an expression or relation, so never read as an alias without AS. */
  private static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER",
      "LIMIT", "UNION", "INTERSECT", "EXCEPT", "MINUS", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS",
      "SEMI", "ANTI", "ON", "USING", "AS", "AND", "OR", "NOT", "IN", "IS", "NULL", "BETWEEN", "LIKE", "CASE", "WHEN",
      "THEN", "ELSE", "END", "DISTINCT", "ALL", "WITH", "ASC", "DESC", "NULLS", "CAST", "EXISTS", "TRUE", "FALSE",
      "INTERVAL", "VALUES", "NATURAL", "WINDOW", "LATERAL");
  private static final Map<String, String> FUNCTION_SYNONYMS = Map.of(
      "substr", "substring", "day", "dayofmonth", "char_length", "length", "character_length", "length",
      "ifnull", "coalesce", "nvl", "coalesce", "ucase", "upper", "lcase", "lower", "any_value", "first");

  private final String sql;
  private final List<Token> tokens;
  private int index;
  /** The subqueries of the select clause being parsed; null where subqueries are not allowed. */
  private List<QueryNode.SubqueryPredicate> whereSubqueries;

  private SqlParser(String sql) {
    this.sql = sql;
    this.tokens = Lexer.tokenize(sql);
  }

  /** Parses one statement; a trailing {@code ;} is allowed. */
  public static Statement parse(String sql) {
    SqlParser parser = new SqlParser(sql);
    Statement statement = parser.statement();
    parser.acceptSymbol(";");
    parser.expectEnd();
    return statement;
  }

  /** Parses one expression ({@code functions.expr} style). */
  public static UnresolvedExpression parseExpression(String sql) {
    SqlParser parser = new SqlParser(sql);
    UnresolvedExpression expression = parser.expression();
    parser.expectEnd();
    return expression;
  }

  // ---- statements ----

  private Statement statement() {
    if (acceptKeyword("EXPLAIN")) {
      String mode = "simple";
      for (String candidate : List.of("EXTENDED", "FORMATTED", "CODEGEN", "COST")) {
        if (acceptKeyword(candidate)) {
          mode = candidate.toLowerCase(Locale.ROOT);
        }
      }
      return new Statement.Explain(mode, query());
    }
    if (acceptKeyword("SHOW")) {
      expectKeyword("TABLES");
      return new Statement.ShowTables();
    }
    if (acceptKeyword("DESCRIBE") || acceptKeyword("DESC")) {
      acceptKeyword("TABLE");
      return new Statement.Describe(qualifiedName());
    }
    if (acceptKeyword("CREATE")) {
      return createView();
    }
    if (acceptKeyword("DROP")) {
      expectKeyword("VIEW");
      boolean ifExists = false;
      if (acceptKeyword("IF")) {
        expectKeyword("EXISTS");
        ifExists = true;
      }
      return new Statement.DropView(qualifiedName(), ifExists);
    }
    if (peek().isKeyword("SELECT") || peek().isKeyword("WITH") || peek().isKeyword("VALUES") || peek().isSymbol("(")
        || peek().isKeyword("TABLE") || peek().isKeyword("FROM")) {
      return new Statement.Query(query());
    }
    throw error("a statement: SELECT, WITH, VALUES, EXPLAIN, SHOW TABLES, DESCRIBE, CREATE TEMPORARY VIEW or DROP VIEW");
  }

  private Statement createView() {
    boolean replace = false;
    if (acceptKeyword("OR")) {
      expectKeyword("REPLACE");
      replace = true;
    }
    if (!acceptKeyword("TEMPORARY") && !acceptKeyword("TEMP")) {
      throw error("TEMPORARY (only temporary views are supported)");
    }
    expectKeyword("VIEW");
    String name = qualifiedName();
    if (acceptKeyword("USING")) {
      String format = identifier("a data source format such as csv");
      Map<String, String> options = new LinkedHashMap<>();
      if (acceptKeyword("OPTIONS")) {
        expectSymbol("(");
        do {
          String key = optionKey();
          acceptSymbol("=");
          Token value = next();
          if (value.kind() != Kind.STRING && value.kind() != Kind.NUMBER && !value.isKeyword("TRUE")
              && !value.isKeyword("FALSE")) {
            throw new SqlParseException(sql, value, "an option value (a string such as 'true')");
          }
          options.put(key, value.text());
        } while (acceptSymbol(","));
        expectSymbol(")");
      }
      return new Statement.CreateDataSourceView(name, replace, format.toLowerCase(Locale.ROOT), options);
    }
    expectKeyword("AS");
    return new Statement.CreateView(name, replace, query());
  }

  private String optionKey() {
    Token token = next();
    if (token.kind() == Kind.STRING) {
      return token.text();
    }
    if (token.kind() != Kind.IDENTIFIER && token.kind() != Kind.QUOTED_IDENTIFIER) {
      throw new SqlParseException(sql, token, "an option name");
    }
    StringBuilder key = new StringBuilder(token.text());
    while (acceptSymbol(".")) {
      key.append('.').append(identifier("an option name"));
    }
    return key.toString();
  }

  // ---- queries ----

  /** {@code [WITH ...] setExpression [ORDER BY ...] [LIMIT n]}. */
  private QueryNode query() {
    List<CommonTableExpression> definitions = new ArrayList<>();
    if (acceptKeyword("WITH")) {
      do {
        String name = identifier("the name of a common table expression");
        List<String> columns = peek().isSymbol("(") ? columnList() : List.of();
        expectKeyword("AS");
        expectSymbol("(");
        QueryNode definition = query();
        expectSymbol(")");
        definitions.add(new CommonTableExpression(name, columns, definition));
      } while (acceptSymbol(","));
    }
    QueryNode body = setExpression();
    if (acceptKeyword("ORDER")) {
      expectKeyword("BY");
      List<SortKey> keys = new ArrayList<>();
      do {
        keys.add(sortKey());
      } while (acceptSymbol(","));
      body = new Sorted(body, keys);
    }
    if (acceptKeyword("LIMIT")) {
      Token count = next();
      if (count.kind() != Kind.NUMBER || !count.text().chars().allMatch(Character::isDigit)) {
        throw new SqlParseException(sql, count, "a non-negative integer after LIMIT");
      }
      try {
        body = new Limited(body, Integer.parseInt(count.text()));
      } catch (NumberFormatException tooLarge) {
        throw new SqlParseException(sql, count, "a LIMIT of at most " + Integer.MAX_VALUE);
      }
    }
    return definitions.isEmpty() ? body : new With(definitions, body);
  }

  private SortKey sortKey() {
    UnresolvedExpression value = expression();
    boolean ascending = true;
    if (acceptKeyword("DESC")) {
      ascending = false;
    } else {
      acceptKeyword("ASC");
    }
    // Spark's default: nulls first when ascending, last when descending.
    boolean nullsFirst = ascending;
    if (acceptKeyword("NULLS")) {
      if (acceptKeyword("FIRST")) {
        nullsFirst = true;
      } else if (acceptKeyword("LAST")) {
        nullsFirst = false;
      } else {
        throw error("FIRST or LAST after NULLS");
      }
    }
    return new SortKey(value, ascending, nullsFirst);
  }

  /** UNION and EXCEPT, left-associative, over INTERSECT terms (INTERSECT binds tighter, as in Spark). */
  private QueryNode setExpression() {
    QueryNode left = intersectTerm();
    while (true) {
      SetOperator operator;
      if (acceptKeyword("UNION")) {
        operator = SetOperator.UNION;
      } else if (acceptKeyword("EXCEPT") || acceptKeyword("MINUS")) {
        operator = SetOperator.EXCEPT;
      } else {
        return left;
      }
      boolean all = setQuantifier();
      left = new SetOperation(operator, all, left, intersectTerm());
    }
  }

  private QueryNode intersectTerm() {
    QueryNode left = queryPrimary();
    while (acceptKeyword("INTERSECT")) {
      boolean all = setQuantifier();
      left = new SetOperation(SetOperator.INTERSECT, all, left, queryPrimary());
    }
    return left;
  }

  private boolean setQuantifier() {
    if (acceptKeyword("ALL")) {
      return true;
    }
    acceptKeyword("DISTINCT");
    return false;
  }

  private QueryNode queryPrimary() {
    if (peek().isKeyword("SELECT")) {
      return select();
    }
    if (acceptKeyword("VALUES")) {
      return values();
    }
    if (acceptKeyword("TABLE")) {
      return new TableReference(qualifiedName());
    }
    if (peek().isKeyword("FROM")) {
      // Spark's FROM-first form: FROM t SELECT ...
      next();
      QueryNode from = relations();
      return selectRest(from);
    }
    if (acceptSymbol("(")) {
      QueryNode inner = query();
      expectSymbol(")");
      return inner;
    }
    throw error("SELECT, VALUES, TABLE or '('");
  }

  private QueryNode select() {
    return selectRest(null);
  }

  private QueryNode selectRest(QueryNode fromFirst) {
    expectKeyword("SELECT");
    boolean distinct = acceptKeyword("DISTINCT");
    if (!distinct) {
      acceptKeyword("ALL");
    }
    // Subqueries of the select list, WHERE and HAVING belong to this select; FROM, GROUP BY and
    // join conditions have none (the enclosing select's list is restored at the end).
    List<QueryNode.SubqueryPredicate> outerSubqueries = whereSubqueries;
    List<QueryNode.SubqueryPredicate> subqueries = new ArrayList<>();
    whereSubqueries = subqueries;
    List<UnresolvedExpression> items = new ArrayList<>();
    UnresolvedExpression where = null;
    List<UnresolvedExpression> groupings = new ArrayList<>();
    List<List<Integer>> groupingSets = List.of();
    UnresolvedExpression having = null;
    QueryNode from = fromFirst;
    try {
      do {
        items.add(selectItem());
      } while (acceptSymbol(","));
      whereSubqueries = null;
      if (fromFirst == null && acceptKeyword("FROM")) {
        from = relations();
      }
      if (acceptKeyword("WHERE")) {
        whereSubqueries = subqueries;
        where = expression();
        whereSubqueries = null;
      }
      if (acceptKeyword("GROUP")) {
        expectKeyword("BY");
        if ((peek().isKeyword("GROUPING") && peek(1).isKeyword("SETS"))
            || ((peek().isKeyword("ROLLUP") || peek().isKeyword("CUBE")) && peek(1).isSymbol("("))) {
          groupingSets = groupingSets(groupings);
        } else {
          do {
            groupings.add(expression());
          } while (acceptSymbol(","));
          if (acceptKeyword("WITH")) {
            // GROUP BY a, b WITH ROLLUP (or CUBE): Spark's older spelling of ROLLUP(a, b).
            Token kind = peek();
            if (!kind.isKeyword("ROLLUP") && !kind.isKeyword("CUBE")) {
              throw error("ROLLUP or CUBE after GROUP BY ... WITH");
            }
            next();
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < groupings.size(); i++) {
              all.add(i);
            }
            groupingSets = kind.isKeyword("ROLLUP") ? rollup(all) : cube(all);
          }
        }
      }
      if (acceptKeyword("HAVING")) {
        whereSubqueries = subqueries;
        having = expression();
      }
    } finally {
      whereSubqueries = outerSubqueries;
    }
    return new Select(distinct, items, from, where, groupings, having, subqueries, groupingSets);
  }

  /**
   * {@code GROUPING SETS ((a, b), (a), ())}, {@code ROLLUP (a, b)} or {@code CUBE (a, b)}: the sets
   * as indexes into {@code groupings}, which gets each distinct grouping expression once.
   */
  private List<List<Integer>> groupingSets(List<UnresolvedExpression> groupings) {
    if (acceptKeyword("GROUPING")) {
      expectKeyword("SETS");
      expectSymbol("(");
      List<List<Integer>> sets = new ArrayList<>();
      do {
        List<Integer> set = new ArrayList<>();
        if (acceptSymbol("(")) {
          if (!acceptSymbol(")")) {
            do {
              set.add(groupingIndex(groupings, expression()));
            } while (acceptSymbol(","));
            expectSymbol(")");
          }
        } else {
          set.add(groupingIndex(groupings, expression()));
        }
        sets.add(set);
      } while (acceptSymbol(","));
      expectSymbol(")");
      return sets;
    }
    boolean rollup = peek().isKeyword("ROLLUP");
    next();
    expectSymbol("(");
    List<Integer> columns = new ArrayList<>();
    do {
      columns.add(groupingIndex(groupings, expression()));
    } while (acceptSymbol(","));
    expectSymbol(")");
    return rollup ? rollup(columns) : cube(columns);
  }

  private static int groupingIndex(List<UnresolvedExpression> groupings, UnresolvedExpression expression) {
    int index = groupings.indexOf(expression);
    if (index < 0) {
      groupings.add(expression);
      index = groupings.size() - 1;
    }
    return index;
  }

  /** {@code ROLLUP (a, b, c)}: (a, b, c), (a, b), (a), (). */
  private static List<List<Integer>> rollup(List<Integer> columns) {
    List<List<Integer>> sets = new ArrayList<>();
    for (int length = columns.size(); length >= 0; length--) {
      sets.add(List.copyOf(columns.subList(0, length)));
    }
    return sets;
  }

  /** {@code CUBE (a, b)}: every subset, as Spark orders them: (a, b), (a), (b), (). */
  private List<List<Integer>> cube(List<Integer> columns) {
    if (columns.size() > 12) {
      // 2^n sets: each input row is repeated that many times.
      throw error("at most 12 columns in CUBE (they make 2^n grouping sets), not " + columns.size());
    }
    List<List<Integer>> sets = new ArrayList<>();
    int count = columns.size();
    for (int mask = 0; mask < 1 << count; mask++) {
      List<Integer> set = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        // Bit i of the mask, from the left, drops column i.
        if ((mask & (1 << (count - 1 - i))) == 0) {
          set.add(columns.get(i));
        }
      }
      sets.add(set);
    }
    return sets;
  }

  private UnresolvedExpression selectItem() {
    if (acceptSymbol("*")) {
      return new ColumnName("*");
    }
    // t.* : an identifier, a dot, a star.
    if (isIdentifier(peek()) && peek(1).isSymbol(".") && peek(2).isSymbol("*")) {
      String qualifier = identifier("a relation name");
      next();
      next();
      return new ColumnName(quoteIfNeeded(qualifier) + ".*");
    }
    UnresolvedExpression value = expression();
    if (acceptKeyword("AS")) {
      return new Named(value, identifier("a column alias"));
    }
    if (isAliasCandidate(peek())) {
      return new Named(value, identifier("a column alias"));
    }
    return value;
  }

  private Values values() {
    List<List<UnresolvedExpression>> rows = new ArrayList<>();
    do {
      List<UnresolvedExpression> row = new ArrayList<>();
      if (acceptSymbol("(")) {
        do {
          row.add(expression());
        } while (acceptSymbol(","));
        expectSymbol(")");
      } else {
        row.add(expression());
      }
      if (!rows.isEmpty() && rows.get(0).size() != row.size()) {
        throw new SqlParseException(sql, previous(), "a row of " + rows.get(0).size()
            + " values, like the first row of VALUES");
      }
      rows.add(row);
    } while (acceptSymbol(","));
    return new Values(rows);
  }

  /** {@code relation (, relation)*}: a comma is an inner join without a condition. */
  private QueryNode relations() {
    QueryNode left = relation();
    while (acceptSymbol(",")) {
      left = new JoinNode(left, relation(), JoinType.INNER, null, List.of());
    }
    return left;
  }

  private QueryNode relation() {
    QueryNode left = relationPrimary();
    while (true) {
      JoinType joinType = joinType();
      if (joinType == null) {
        return left;
      }
      QueryNode right = relationPrimary();
      if (acceptKeyword("ON")) {
        left = new JoinNode(left, right, joinType, expression(), List.of());
      } else if (acceptKeyword("USING")) {
        left = new JoinNode(left, right, joinType, null, columnList());
      } else if (joinType == JoinType.CROSS || joinType == JoinType.INNER) {
        left = new JoinNode(left, right, joinType, null, List.of());
      } else {
        throw error("ON or USING after " + keywords(joinType) + " JOIN");
      }
    }
  }

  /** The join type before JOIN, consuming the keywords, or null when no join follows. */
  private JoinType joinType() {
    JoinType type;
    if (acceptKeyword("JOIN")) {
      return JoinType.INNER;
    } else if (acceptKeyword("INNER")) {
      type = JoinType.INNER;
    } else if (acceptKeyword("CROSS")) {
      type = JoinType.CROSS;
    } else if (acceptKeyword("LEFT")) {
      if (acceptKeyword("SEMI")) {
        type = JoinType.LEFT_SEMI;
      } else if (acceptKeyword("ANTI")) {
        type = JoinType.LEFT_ANTI;
      } else {
        acceptKeyword("OUTER");
        type = JoinType.LEFT_OUTER;
      }
    } else if (acceptKeyword("RIGHT")) {
      acceptKeyword("OUTER");
      type = JoinType.RIGHT_OUTER;
    } else if (acceptKeyword("FULL")) {
      acceptKeyword("OUTER");
      type = JoinType.FULL_OUTER;
    } else if (acceptKeyword("SEMI")) {
      type = JoinType.LEFT_SEMI;
    } else if (acceptKeyword("ANTI")) {
      type = JoinType.LEFT_ANTI;
    } else {
      return null;
    }
    expectKeyword("JOIN");
    return type;
  }

  private static String keywords(JoinType joinType) {
    return switch (joinType) {
      case INNER -> "INNER";
      case CROSS -> "CROSS";
      case LEFT_OUTER -> "LEFT OUTER";
      case RIGHT_OUTER -> "RIGHT OUTER";
      case FULL_OUTER -> "FULL OUTER";
      case LEFT_SEMI -> "LEFT SEMI";
      case LEFT_ANTI -> "LEFT ANTI";
    };
  }

  private QueryNode relationPrimary() {
    QueryNode relation;
    if (acceptSymbol("(")) {
      boolean subquery = peek().isKeyword("SELECT") || peek().isKeyword("WITH") || peek().isKeyword("VALUES")
          || peek().isKeyword("FROM") || peek().isKeyword("TABLE") || peek().isSymbol("(");
      relation = subquery ? query() : relations();
      expectSymbol(")");
    } else if (acceptKeyword("VALUES")) {
      relation = values();
    } else {
      relation = new TableReference(qualifiedName());
    }
    String alias = null;
    if (acceptKeyword("AS")) {
      alias = identifier("a relation alias");
    } else if (isAliasCandidate(peek())) {
      alias = identifier("a relation alias");
    }
    if (alias == null) {
      return relation;
    }
    List<String> columns = peek().isSymbol("(") ? columnList() : List.of();
    return new Aliased(relation, alias, columns);
  }

  private List<String> columnList() {
    expectSymbol("(");
    List<String> names = new ArrayList<>();
    do {
      names.add(identifier("a column name"));
    } while (acceptSymbol(","));
    expectSymbol(")");
    return names;
  }

  // ---- expressions, lowest precedence first ----

  private UnresolvedExpression expression() {
    return or();
  }

  private UnresolvedExpression or() {
    UnresolvedExpression left = and();
    while (acceptKeyword("OR")) {
      left = call("or", left, and());
    }
    return left;
  }

  private UnresolvedExpression and() {
    UnresolvedExpression left = not();
    while (acceptKeyword("AND")) {
      left = call("and", left, not());
    }
    return left;
  }

  private UnresolvedExpression not() {
    if (acceptKeyword("NOT")) {
      return call("not", not());
    }
    return predicate();
  }

  private UnresolvedExpression predicate() {
    UnresolvedExpression left = additive();
    while (true) {
      Token token = peek();
      String comparison = token.kind() == Kind.SYMBOL ? switch (token.text()) {
        case "=", "==" -> "=";
        case "<>", "!=" -> "!=";
        case "<", "<=", ">", ">=" -> token.text();
        default -> null;
      } : null;
      if (comparison != null) {
        next();
        left = call(comparison, left, additive());
        continue;
      }
      if (acceptKeyword("IS")) {
        boolean negated = acceptKeyword("NOT");
        expectKeyword("NULL");
        left = call(negated ? "isnotnull" : "isnull", left);
        continue;
      }
      boolean negated = false;
      if (token.isKeyword("NOT") && (peek(1).isKeyword("IN") || peek(1).isKeyword("BETWEEN")
          || peek(1).isKeyword("LIKE"))) {
        next();
        negated = true;
      }
      UnresolvedExpression result;
      if (acceptKeyword("IN")) {
        expectSymbol("(");
        if (peek().isKeyword("SELECT") || peek().isKeyword("WITH")) {
          result = subquery(QueryNode.SubqueryKind.IN, left);
          left = negated ? call("not", result) : result;
          continue;
        }
        List<UnresolvedExpression> arguments = new ArrayList<>();
        arguments.add(left);
        do {
          arguments.add(expression());
        } while (acceptSymbol(","));
        expectSymbol(")");
        result = new FunctionCall("in", arguments);
      } else if (acceptKeyword("BETWEEN")) {
        UnresolvedExpression lower = additive();
        expectKeyword("AND");
        result = call("between", left, lower, additive());
      } else if (acceptKeyword("LIKE")) {
        Token pattern = next();
        if (pattern.kind() != Kind.STRING) {
          throw new SqlParseException(sql, pattern, "a string pattern after LIKE");
        }
        result = call("like", left, new LiteralValue(pattern.text()));
      } else {
        return left;
      }
      left = negated ? call("not", result) : result;
    }
  }

  private UnresolvedExpression additive() {
    UnresolvedExpression left = multiplicative();
    while (true) {
      if (peek().isSymbol("+") || peek().isSymbol("-")) {
        boolean plus = next().text().equals("+");
        if (peek().isKeyword("INTERVAL")) {
          left = Intervals.apply(left, interval(), plus);
        } else {
          left = call(plus ? "+" : "-", left, multiplicative());
        }
      } else if (acceptSymbol("||")) {
        left = call("concat", left, multiplicative());
      } else {
        return left;
      }
    }
  }

  private UnresolvedExpression multiplicative() {
    UnresolvedExpression left = unary();
    while (peek().isSymbol("*") || peek().isSymbol("/") || peek().isSymbol("%") || peek().isKeyword("DIV")) {
      Token operator = next();
      String name = operator.isKeyword("DIV") ? "/" : operator.text();
      left = call(name, left, unary());
    }
    return left;
  }

  private UnresolvedExpression unary() {
    if (acceptSymbol("-")) {
      UnresolvedExpression operand = unary();
      if (operand instanceof LiteralValue literal) {
        LiteralValue negated = LiteralParsing.negate(literal);
        if (negated != null) {
          return negated;
        }
      }
      return call("-", new LiteralValue(0), operand);
    }
    if (acceptSymbol("+")) {
      return unary();
    }
    return primary();
  }

  private UnresolvedExpression primary() {
    Token token = peek();
    switch (token.kind()) {
      case NUMBER -> {
        next();
        return LiteralParsing.number(sql, token);
      }
      case STRING -> {
        next();
        return new LiteralValue(token.text());
      }
      case SYMBOL -> {
        if (acceptSymbol("(")) {
          if (peek().isKeyword("SELECT") || peek().isKeyword("WITH")) {
            return subquery(QueryNode.SubqueryKind.SCALAR, null);
          }
          UnresolvedExpression inner = expression();
          expectSymbol(")");
          return inner;
        }
        throw error("an expression");
      }
      case END -> throw error("an expression");
      case IDENTIFIER, QUOTED_IDENTIFIER -> {
        return identifierExpression();
      }
    }
    throw error("an expression");
  }

  private UnresolvedExpression identifierExpression() {
    Token token = peek();
    if (token.kind() == Kind.IDENTIFIER) {
      String word = token.text().toUpperCase(Locale.ROOT);
      switch (word) {
        case "NULL" -> {
          next();
          return new LiteralValue(null);
        }
        case "TRUE", "FALSE" -> {
          next();
          return new LiteralValue(word.equals("TRUE"));
        }
        case "CASE" -> {
          next();
          return caseWhen();
        }
        case "CAST" -> {
          next();
          return cast();
        }
        case "DATE", "TIMESTAMP" -> {
          if (peek(1).kind() == Kind.STRING) {
            next();
            return dateTimeLiteral(word, next());
          }
        }
        case "INTERVAL" -> throw error("an expression (an INTERVAL is only supported added to or subtracted from a"
            + " date)");
        case "EXISTS" -> {
          if (peek(1).isSymbol("(")) {
            next();
            next();
            return subquery(QueryNode.SubqueryKind.EXISTS, null);
          }
          next();
          throw error("'(' and a subquery after EXISTS");
        }
        case "EXTRACT" -> {
          if (peek(1).isSymbol("(")) {
            next();
            return extract();
          }
        }
        default -> {
          // A reserved word cannot start an expression.
          if (RESERVED.contains(word)) {
            throw error("an expression");
          }
        }
      }
    }
    if (peek(1).isSymbol("(")) {
      return functionCall();
    }
    StringBuilder name = new StringBuilder(quoteIfNeeded(identifier("a column name")));
    while (peek().isSymbol(".") && isIdentifier(peek(1))) {
      next();
      name.append('.').append(quoteIfNeeded(identifier("a column name")));
    }
    return new ColumnName(name.toString());
  }

  private UnresolvedExpression functionCall() {
    Token nameToken = next();
    String name = nameToken.text().toLowerCase(Locale.ROOT);
    name = FUNCTION_SYNONYMS.getOrDefault(name, name);
    expectSymbol("(");
    if (name.equals("count") && acceptSymbol("*")) {
      expectSymbol(")");
      return new FunctionCall("count_star", List.of());
    }
    boolean distinct = acceptKeyword("DISTINCT");
    if (!distinct) {
      acceptKeyword("ALL");
    }
    List<UnresolvedExpression> arguments = new ArrayList<>();
    if (name.equals("substring") && !peek().isSymbol(")")) {
      arguments.add(expression());
      if (acceptKeyword("FROM")) {
        arguments.add(expression());
        if (acceptKeyword("FOR")) {
          arguments.add(expression());
        }
        expectSymbol(")");
        return new FunctionCall(name, arguments);
      }
      while (acceptSymbol(",")) {
        arguments.add(expression());
      }
      expectSymbol(")");
      return new FunctionCall(name, arguments);
    }
    if (!peek().isSymbol(")")) {
      do {
        arguments.add(expression());
      } while (acceptSymbol(","));
    }
    expectSymbol(")");
    if (distinct) {
      if (!name.equals("count")) {
        throw new SqlParseException(sql, nameToken, "count before DISTINCT (only COUNT(DISTINCT ...) is supported)");
      }
      return new FunctionCall("count_distinct", arguments);
    }
    return new FunctionCall(name, arguments);
  }

  /**
   * The query of {@code value IN (query)}, {@code EXISTS (query)} or a scalar {@code (query)}, after
   * its opening parenthesis: recorded for the enclosing select, which gets a placeholder column in its place.
   */
  private UnresolvedExpression subquery(QueryNode.SubqueryKind kind, UnresolvedExpression value) {
    if (whereSubqueries == null) {
      throw error("an expression (subqueries are supported in the select list, WHERE and HAVING only)");
    }
    List<QueryNode.SubqueryPredicate> enclosing = whereSubqueries;
    QueryNode query = query();
    expectSymbol(")");
    enclosing.add(new QueryNode.SubqueryPredicate(kind, value, query));
    return new ColumnName(QueryNode.SubqueryPredicate.placeholder(enclosing.size() - 1));
  }

  private UnresolvedExpression caseWhen() {
    UnresolvedExpression subject = peek().isKeyword("WHEN") ? null : expression();
    List<UnresolvedExpression> conditions = new ArrayList<>();
    List<UnresolvedExpression> values = new ArrayList<>();
    if (!peek().isKeyword("WHEN")) {
      throw error("WHEN");
    }
    while (acceptKeyword("WHEN")) {
      UnresolvedExpression condition = expression();
      conditions.add(subject == null ? condition : call("=", subject, condition));
      expectKeyword("THEN");
      values.add(expression());
    }
    UnresolvedExpression otherwise = acceptKeyword("ELSE") ? expression() : null;
    expectKeyword("END");
    return new CaseWhenCall(conditions, values, otherwise);
  }

  private UnresolvedExpression cast() {
    expectSymbol("(");
    UnresolvedExpression value = expression();
    expectKeyword("AS");
    ColumnType type = dataType();
    expectSymbol(")");
    return new CastTo(value, type);
  }

  private ColumnType dataType() {
    Token token = next();
    String name = token.kind() == Kind.IDENTIFIER ? token.text().toUpperCase(Locale.ROOT) : "";
    return switch (name) {
      case "BOOLEAN" -> ColumnType.BOOLEAN;
      case "INT", "INTEGER" -> ColumnType.INT;
      case "BIGINT", "LONG" -> ColumnType.LONG;
      case "DOUBLE" -> ColumnType.DOUBLE;
      case "STRING" -> ColumnType.STRING;
      case "DATE" -> ColumnType.DATE;
      case "TIMESTAMP" -> ColumnType.TIMESTAMP;
      case "DECIMAL", "DEC", "NUMERIC" -> decimalType();
      default -> throw new SqlParseException(sql, token,
          "a data type: BOOLEAN, INT, BIGINT, DOUBLE, STRING, DATE, TIMESTAMP or DECIMAL(p,s)");
    };
  }

  /** {@code DECIMAL} alone is DECIMAL(10,0), as in Spark; {@code DECIMAL(p)} is DECIMAL(p,0). */
  private ColumnType decimalType() {
    if (!acceptSymbol("(")) {
      return ColumnType.decimal(10, 0);
    }
    Token precision = next();
    int scale = 0;
    Token scaleToken = precision;
    if (acceptSymbol(",")) {
      scaleToken = next();
      scale = decimalArgument(scaleToken, 38);
    }
    int digits = decimalArgument(precision, 38);
    expectSymbol(")");
    if (digits < 1 || scale > digits) {
      throw new SqlParseException(sql, scaleToken, "a decimal scale between 0 and the precision " + digits
          + " and a precision between 1 and 38");
    }
    return ColumnType.decimal(digits, scale);
  }

  private int decimalArgument(Token token, int maximum) {
    if (token.kind() != Kind.NUMBER || !token.text().chars().allMatch(Character::isDigit)
        || token.text().length() > 3 || Integer.parseInt(token.text()) > maximum) {
      throw new SqlParseException(sql, token, "a decimal precision or scale between 0 and " + maximum);
    }
    return Integer.parseInt(token.text());
  }

  private UnresolvedExpression extract() {
    expectSymbol("(");
    Token field = next();
    String name = field.kind() == Kind.IDENTIFIER ? field.text().toUpperCase(Locale.ROOT) : "";
    String function = switch (name) {
      case "YEAR", "YEARS", "Y", "YR", "YRS", "YYYY" -> "year";
      case "MONTH", "MONTHS", "MON", "MONS" -> "month";
      case "DAY", "DAYS", "D" -> "dayofmonth";
      default -> throw new SqlParseException(sql, field, "a field to extract: YEAR, MONTH or DAY");
    };
    expectKeyword("FROM");
    UnresolvedExpression source = expression();
    expectSymbol(")");
    return call(function, source);
  }

  private Intervals.Interval interval() {
    expectKeyword("INTERVAL");
    Token amount = next();
    String text = amount.kind() == Kind.STRING || amount.kind() == Kind.NUMBER ? amount.text().trim() : "";
    int count;
    try {
      count = Integer.parseInt(text);
    } catch (NumberFormatException notAnInteger) {
      throw new SqlParseException(sql, amount, "a whole number of units, such as '90'");
    }
    Token unit = next();
    String unitName = unit.kind() == Kind.IDENTIFIER ? unit.text().toUpperCase(Locale.ROOT) : "";
    Intervals.Unit parsed = switch (unitName) {
      case "DAY", "DAYS" -> Intervals.Unit.DAY;
      case "MONTH", "MONTHS" -> Intervals.Unit.MONTH;
      case "YEAR", "YEARS" -> Intervals.Unit.YEAR;
      default -> throw new SqlParseException(sql, unit, "an interval unit: DAY, MONTH or YEAR");
    };
    return new Intervals.Interval(count, parsed);
  }

  private UnresolvedExpression dateTimeLiteral(String kind, Token value) {
    String text = value.text().trim();
    try {
      if (kind.equals("DATE")) {
        return new LiteralValue(LocalDate.parse(text));
      }
      String normalized = text.replace(' ', 'T');
      if (normalized.length() == 10) {
        normalized += "T00:00:00";
      }
      return new LiteralValue(LocalDateTime.parse(normalized).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException invalid) {
      throw new SqlParseException(sql, value, kind.equals("DATE")
          ? "a date as 'yyyy-MM-dd'"
          : "a timestamp as 'yyyy-MM-dd[ HH:mm:ss[.SSS]]'");
    }
  }

  // ---- tokens ----

  private String qualifiedName() {
    StringBuilder name = new StringBuilder(identifier("a table or view name"));
    while (acceptSymbol(".")) {
      name.append('.').append(identifier("a table or view name"));
    }
    return name.toString();
  }

  private String identifier(String expected) {
    Token token = peek();
    if (token.kind() == Kind.QUOTED_IDENTIFIER
        || (token.kind() == Kind.IDENTIFIER && !RESERVED.contains(token.text().toUpperCase(Locale.ROOT)))) {
      next();
      return token.text();
    }
    throw new SqlParseException(sql, token, expected);
  }

  private static boolean isIdentifier(Token token) {
    return token.kind() == Kind.QUOTED_IDENTIFIER
        || (token.kind() == Kind.IDENTIFIER && !RESERVED.contains(token.text().toUpperCase(Locale.ROOT)));
  }

  /** An identifier that may be an alias written without AS: not a reserved word. */
  private static boolean isAliasCandidate(Token token) {
    return isIdentifier(token);
  }

  /** A name part with a dot or backquote in it is backquoted, so that the analyzer does not split it. */
  private static String quoteIfNeeded(String part) {
    return part.indexOf('.') >= 0 || part.indexOf('`') >= 0 ? "`" + part.replace("`", "``") + "`" : part;
  }

  private static FunctionCall call(String name, UnresolvedExpression... arguments) {
    return new FunctionCall(name, List.of(arguments));
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  private Token previous() {
    return tokens.get(Math.max(0, index - 1));
  }

  private Token next() {
    Token token = tokens.get(index);
    if (token.kind() != Kind.END) {
      index++;
    }
    return token;
  }

  private boolean acceptKeyword(String keyword) {
    if (peek().isKeyword(keyword)) {
      next();
      return true;
    }
    return false;
  }

  private boolean acceptSymbol(String symbol) {
    if (peek().isSymbol(symbol)) {
      next();
      return true;
    }
    return false;
  }

  private void expectKeyword(String keyword) {
    if (!acceptKeyword(keyword)) {
      throw error(keyword);
    }
  }

  private void expectSymbol(String symbol) {
    if (!acceptSymbol(symbol)) {
      throw error("'" + symbol + "'");
    }
  }

  private void expectEnd() {
    if (peek().kind() != Kind.END) {
      throw error("end of input");
    }
  }

  private SqlParseException error(String expected) {
    return new SqlParseException(sql, peek(), expected);
  }
}
