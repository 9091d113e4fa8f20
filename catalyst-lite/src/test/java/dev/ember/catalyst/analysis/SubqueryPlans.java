package dev.ember.catalyst.analysis;

import dev.ember.catalyst.optimizer.PlanBuilder;
import dev.ember.catalyst.parser.SqlParser;
import dev.ember.catalyst.parser.Statement;
import dev.ember.catalyst.plan.LogicalPlan;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Analyzes SQL over two small relations, {@code o (k INT, v INT, g STRING)} and {@code i (k INT, v INT, g STRING)}. */
final class SubqueryPlans {
  private final Map<String, LogicalPlan> relations = Map.of(
      "o", PlanBuilder.relation("k INT, v INT, g STRING").build(),
      "i", PlanBuilder.relation("k INT, v INT, g STRING").build());

  /** The analyzed plan of {@code sql}, printed without ids. */
  String analyzed(String sql) {
    return PlanBuilder.text(plan(sql));
  }

  LogicalPlan plan(String sql) {
    Statement.Query query = (Statement.Query) SqlParser.parse(sql);
    RelationLookup lookup = new RelationLookup() {
      @Override
      public Optional<LogicalPlan> find(String name) {
        return Optional.ofNullable(relations.get(name.toLowerCase(Locale.ROOT)));
      }

      @Override
      public List<String> names() {
        return List.copyOf(relations.keySet());
      }
    };
    return new QueryAnalyzer(new Analyzer(), lookup).analyze(query.query());
  }
}
