package dev.ember.catalyst.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SqlParseErrorTest {

  @Test
  void theMessageNamesThePositionTheTokenAndWhatWasExpectedWithACaret() {
    assertThatThrownBy(() -> SqlParser.parse("SELECT a,\n  b FORM t"))
        .isInstanceOf(SqlParseException.class)
        .hasMessage("""
            [PARSE_SYNTAX_ERROR] Syntax error at or near 't': expected end of input. (line 2, pos 9)

            == SQL ==
              b FORM t
            ---------^^^
            """);
  }

  /** Each malformed statement: the line and column (from 1) of the reported token, the token, and what was expected. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "SELEC a FROM t                         | 1 | 1  | 'SELEC'          | a statement: SELECT, WITH, VALUES, EXPLAIN, SHOW TABLES, DESCRIBE, CREATE TEMPORARY VIEW or DROP VIEW",
      "SELECT FROM t                          | 1 | 8  | 'FROM'           | an expression",
      "SELECT a FROM                          | 1 | 14 | end of input     | a table or view name",
      "SELECT a FROM t WHERE                  | 1 | 22 | end of input     | an expression",
      "SELECT a, FROM t                       | 1 | 11 | 'FROM'           | an expression",
      "SELECT (a + 1 FROM t                   | 1 | 15 | 'FROM'           | ')'",
      "SELECT a FROM t GROUP a                | 1 | 23 | 'a'              | BY",
      "SELECT a FROM t ORDER a                | 1 | 23 | 'a'              | BY",
      "SELECT a FROM t LIMIT x                | 1 | 23 | 'x'              | a non-negative integer after LIMIT",
      "SELECT a FROM t LIMIT -1               | 1 | 23 | '-'              | a non-negative integer after LIMIT",
      "SELECT a FROM t LEFT JOIN u            | 1 | 28 | end of input     | ON or USING after LEFT OUTER JOIN",
      "SELECT a FROM t JOIN u ON              | 1 | 26 | end of input     | an expression",
      "SELECT a FROM t LEFT SEMI u            | 1 | 27 | 'u'              | JOIN",
      "SELECT CAST(a AS blob) FROM t          | 1 | 18 | 'blob'           | a data type: BOOLEAN, INT, BIGINT, DOUBLE, STRING, DATE, TIMESTAMP or DECIMAL(p,s)",
      "SELECT CASE a END                      | 1 | 15 | 'END'            | WHEN",
      "SELECT CASE WHEN a THEN 1              | 1 | 26 | end of input     | END",
      "SELECT 'abc                            | 1 | 8  | end of input     | the closing ' of the string started here",
      "SELECT `abc                            | 1 | 8  | end of input     | the closing ` of the identifier started here",
      "SELECT a ^ b                           | 1 | 10 | '^'              | a token",
      "SELECT DATE '2020-13-01'               | 1 | 13 | '2020-13-01'     | a date as 'yyyy-MM-dd'",
      "SELECT a FROM t WHERE a LIKE b         | 1 | 30 | 'b'              | a string pattern after LIKE",
      "SELECT a IS 1                          | 1 | 13 | '1'              | NULL",
      "SELECT EXTRACT(WEEK FROM d)            | 1 | 16 | 'WEEK'           | a field to extract: YEAR, MONTH or DAY",
      "SELECT d + INTERVAL '1' HOUR           | 1 | 25 | 'HOUR'           | an interval unit: DAY, MONTH or YEAR",
      "SELECT 123456789012345678901234567890123456789BD | 1 | 8 | '123456789012345678901234567890123456789BD' | a DECIMAL literal of at most 38 digits",
      "SELECT CAST(a AS DECIMAL(39, 2))       | 1 | 26 | '39'             | a decimal precision or scale between 0 and 38",
      "SELECT 99999999999999999999            | 1 | 8  | '99999999999999999999' | a number that fits in a BIGINT or a DOUBLE",
      "SELECT a FROM t ORDER BY a NULLS       | 1 | 33 | end of input     | FIRST or LAST after NULLS",
      "CREATE VIEW v AS SELECT 1              | 1 | 8  | 'VIEW'           | TEMPORARY (only temporary views are supported)",
      "SHOW VIEWS                             | 1 | 6  | 'VIEWS'          | TABLES",
      "SELECT * FROM VALUES (1, 2), (3)       | 1 | 32 | ')'              | a row of 2 values, like the first row of VALUES",
      "SELECT sum(DISTINCT a) FROM t          | 1 | 8  | 'sum'            | count before DISTINCT (only COUNT(DISTINCT ...) is supported)",
      "SELECT a FROM t GROUP BY (SELECT 1)    | 1 | 27 | 'SELECT'         | an expression (subqueries are supported in the select list, WHERE and HAVING only)",
      "SELECT a FROM t JOIN u ON EXISTS (SELECT 1) | 1 | 35 | 'SELECT'    | an expression (subqueries are supported in the select list, WHERE and HAVING only)",
      "SELECT (SELECT 1 FROM t                | 1 | 24 | end of input     | ')'",
      "SELECT a FROM t WHERE a IN (SELECT b FROM u | 1 | 44 | end of input | ')'",
      "SELECT a FROM t GROUP BY ROLLUP (a     | 1 | 35 | end of input     | ')'",
      "SELECT a FROM t GROUP BY GROUPING SETS a | 1 | 40 | 'a'            | '('",
      "SELECT a FROM t GROUP BY GROUPING SETS ((a), (b) | 1 | 49 | end of input | ')'",
      "SELECT a FROM t GROUP BY a WITH TOTALS | 1 | 33 | 'TOTALS'         | ROLLUP or CUBE after GROUP BY ... WITH",
      "SELECT a FROM t WHERE EXISTS SELECT 1  | 1 | 30 | 'SELECT'         | '(' and a subquery after EXISTS",
  })
  void malformedStatementsReportTheirPosition(String sql, int line, int column, String found, String expected) {
    SqlParseException error = catchThrowableOfType(SqlParseException.class, () -> SqlParser.parse(sql.strip()));
    assertThat(error).as(sql).isNotNull();
    assertThat(error.line()).as(sql).isEqualTo(line);
    assertThat(error.column()).as(sql).isEqualTo(column);
    assertThat(error.found()).as(sql).isEqualTo(found);
    assertThat(error.expected()).as(sql).isEqualTo(expected);
    assertThat(error.getMessage()).contains("(line " + line + ", pos " + (column - 1) + ")");
  }

  /** Statements over several lines: the position is the offending token's line and column. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "SELECT a\\nFROM t\\nWHERE a >                      | 3 | 10 | end of input | an expression",
      "SELECT a,\\n  b\\nFROM t\\nGROUP BY a\\nHAVING        | 5 | 7  | end of input | an expression",
      "WITH c AS (SELECT 1)\\nSELECT * FROM c\\nORDER BY  | 3 | 9  | end of input | an expression",
      "SELECT a\\n  FROM t\\n  WHERE a IN (SELECT b\\n     FROM u\\n     WHERE))  | 5 | 11 | ')' | an expression",
  })
  void multiLineStatementsReportTheLineAndColumn(String sql, int line, int column, String found, String expected) {
    malformedStatementsReportTheirPosition(sql.replace("\\n", "\n"), line, column, found, expected);
  }

  @Test
  void positionsCountLinesAfterCommentsAndMultiLineStrings() {
    SqlParseException error = catchThrowableOfType(SqlParseException.class,
        () -> SqlParser.parse("/* one\ntwo */ SELECT 'x\ny',\n -- note\n   a b c"));
    assertThat(error.line()).isEqualTo(5);
    assertThat(error.column()).isEqualTo(8);
    assertThat(error.found()).isEqualTo("'c'");
    assertThat(error.getMessage()).endsWith("== SQL ==\n   a b c\n-------^^^\n");
  }
}
