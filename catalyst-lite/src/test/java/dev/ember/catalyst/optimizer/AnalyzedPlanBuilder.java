package dev.ember.catalyst.optimizer;

import dev.ember.catalyst.TestPlans;
import dev.ember.catalyst.analysis.Analyzer;
import dev.ember.catalyst.analysis.ExpressionIds;
import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.plan.CsvRelation;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plan-builder DSL for optimizer rule tests: analyzed plans built as the DataFrame API builds
 * them (through the analyzer), from in-memory tables of a chosen row count (the size estimate
 * follows it) or from CSV relations of a chosen byte size (files that need not exist).
 */
public record AnalyzedPlanBuilder(LogicalPlan plan) {
  private static final Analyzer ANALYZER = new Analyzer();

  /** An in-memory table of {@code rows} rows of nulls: {@code table("t", 10, "a INT, b STRING")} (the name is for the reader). */
  public static AnalyzedPlanBuilder table(String name, int rows, String columns) {
    LocalRelation empty = TestPlans.relation(columns);
    Schema schema = new Schema(empty.output().stream().map(a -> Field.of(a.name(), a.type())).toList());
    List<List<Object>> nulls = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      nulls.add(Arrays.asList(new Object[schema.size()]));
    }
    LocalRelation relation = new LocalRelation(empty.output(), List.of(Batch.fromRows(schema, nulls)));
    return new AnalyzedPlanBuilder(relation);
  }

  /** A CSV relation of one split of {@code bytes} bytes (the file need not exist). */
  public static AnalyzedPlanBuilder csv(String name, long bytes, String columns) {
    return new AnalyzedPlanBuilder(csvRelation(name, bytes, columns));
  }

  public static CsvRelation csvRelation(String name, long bytes, String columns) {
    List<AttributeReference> output = new ArrayList<>();
    for (String column : columns.split(",")) {
      String[] parts = column.trim().split("\\s+");
      output.add(new AttributeReference(parts[0], TestPlans.type(parts[1]), true, ExpressionIds.next(), ""));
    }
    String path = "/data/" + name + ".csv";
    return new CsvRelation(List.of(path), List.of(new FileSplit(path, 0, bytes, bytes)), CsvOptions.defaults(), output);
  }

  public AnalyzedPlanBuilder filter(UnresolvedExpression condition) {
    return new AnalyzedPlanBuilder(ANALYZER.filter(plan, condition));
  }

  public AnalyzedPlanBuilder select(UnresolvedExpression... columns) {
    return new AnalyzedPlanBuilder(ANALYZER.project(plan, List.of(columns)));
  }

  public AnalyzedPlanBuilder join(AnalyzedPlanBuilder right, UnresolvedExpression condition, JoinType type) {
    return new AnalyzedPlanBuilder(ANALYZER.join(plan, right.plan, condition, type));
  }

  public AnalyzedPlanBuilder join(AnalyzedPlanBuilder right, UnresolvedExpression condition) {
    return join(right, condition, JoinType.INNER);
  }

  public AnalyzedPlanBuilder crossJoin(AnalyzedPlanBuilder right) {
    return new AnalyzedPlanBuilder(ANALYZER.join(plan, right.plan, null, JoinType.CROSS));
  }

  public AnalyzedPlanBuilder groupBy(List<UnresolvedExpression> groupings, UnresolvedExpression... aggregates) {
    return new AnalyzedPlanBuilder(ANALYZER.aggregate(plan, groupings, List.of(aggregates)));
  }

  public AnalyzedPlanBuilder orderBy(UnresolvedExpression... keys) {
    return new AnalyzedPlanBuilder(ANALYZER.sort(plan, List.of(keys)));
  }

  public AnalyzedPlanBuilder union(AnalyzedPlanBuilder other) {
    return new AnalyzedPlanBuilder(ANALYZER.union(plan, other.plan));
  }

  public AnalyzedPlanBuilder repartition(int partitions, boolean shuffle, UnresolvedExpression... keys) {
    return new AnalyzedPlanBuilder(ANALYZER.repartition(plan, partitions, shuffle, List.of(keys)));
  }

  public AnalyzedPlanBuilder distinct() {
    return new AnalyzedPlanBuilder(ANALYZER.dropDuplicates(plan, List.of()));
  }

  public AnalyzedPlanBuilder as(String alias) {
    return new AnalyzedPlanBuilder(ANALYZER.alias(plan, alias));
  }

  public AnalyzedPlanBuilder limit(int count) {
    return new AnalyzedPlanBuilder(new Limit(count, plan));
  }

  public LogicalPlan build() {
    return plan;
  }
}
