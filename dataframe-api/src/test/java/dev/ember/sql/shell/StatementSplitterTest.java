package dev.ember.sql.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {
  @Test
  void splitsAtSemicolonsOutsideQuotesAndComments() {
    StatementSplitter splitter = new StatementSplitter();
    List<String> statements = new ArrayList<>(splitter.add("SELECT 'a;b', \"c;d\", `e;f` -- g;h\n"));
    assertThat(statements).isEmpty();
    assertThat(splitter.hasPending()).isTrue();
    statements.addAll(splitter.add("FROM t /* i; j */ WHERE x = 'it''s;'; SELECT 2;"));
    statements.addAll(splitter.add("  ;  -- only a comment;\n"));
    assertThat(statements).containsExactly(
        "SELECT 'a;b', \"c;d\", `e;f` -- g;h\nFROM t /* i; j */ WHERE x = 'it''s;'", "SELECT 2");
    assertThat(splitter.hasPending()).isFalse();
  }

  @Test
  void keepsTheTextAfterTheLastSemicolonForMoreInput() {
    StatementSplitter splitter = new StatementSplitter();
    assertThat(splitter.add("SELECT 1; SELECT")).containsExactly("SELECT 1");
    assertThat(splitter.add(" 'x\n")).isEmpty();
    assertThat(splitter.add(";y'")).isEmpty();
    assertThat(splitter.drain()).isEqualTo("SELECT 'x\n;y'");
    assertThat(splitter.drain()).isEmpty();
  }
}
