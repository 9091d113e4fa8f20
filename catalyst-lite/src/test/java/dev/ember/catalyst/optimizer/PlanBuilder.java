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
import dev.ember.core.io.csv.CsvOptions;
import dev.ember.core.io.csv.FileSplit;
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
public record PlanBuilder(LogicalPlan plan) {
  private static final Analyzer ANALYZER = new Analyzer();

  /** An in-memory table of {@code rows} rows of nulls: {@code table("t", 10, "a INT, b STRING")} (the name is for the reader). */
  public static PlanBuilder table(String name, int rows, String columns) {
    LocalRelation empty = TestPlans.relation(columns);
    Schema schema = new Schema(empty.output().stream().map(a -> Field.of(a.name(), a.type())).toList());
    List<List<Object>> nulls = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      nulls.add(Arrays.asList(new Object[schema.size()]));
    }
    LocalRelation relation = new LocalRelation(empty.output(), List.of(Batch.fromRows(schema, nulls)));
    return new PlanBuilder(relation);
  }

  /** A CSV relation of one split of {@code bytes} bytes (the file need not exist). */
  public static PlanBuilder csv(String name, long bytes, String columns) {
    return new PlanBuilder(csvRelation(name, bytes, columns));
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

  public PlanBuilder filter(UnresolvedExpression condition) {
    return new PlanBuilder(ANALYZER.filter(plan, condition));
  }

  public PlanBuilder select(UnresolvedExpression... columns) {
    return new PlanBuilder(ANALYZER.project(plan, List.of(columns)));
  }

  public PlanBuilder join(PlanBuilder right, UnresolvedExpression condition, JoinType type) {
    return new PlanBuilder(ANALYZER.join(plan, right.plan, condition, type));
  }

  public PlanBuilder join(PlanBuilder right, UnresolvedExpression condition) {
    return join(right, condition, JoinType.INNER);
  }

  public PlanBuilder crossJoin(PlanBuilder right) {
    return new PlanBuilder(ANALYZER.join(plan, right.plan, null, JoinType.CROSS));
  }

  public PlanBuilder groupBy(List<UnresolvedExpression> groupings, UnresolvedExpression... aggregates) {
    return new PlanBuilder(ANALYZER.aggregate(plan, groupings, List.of(aggregates)));
  }

  public PlanBuilder orderBy(UnresolvedExpression... keys) {
    return new PlanBuilder(ANALYZER.sort(plan, List.of(keys)));
  }

  public PlanBuilder union(PlanBuilder other) {
    return new PlanBuilder(ANALYZER.union(plan, other.plan));
  }

  public PlanBuilder repartition(int partitions, boolean shuffle, UnresolvedExpression... keys) {
    return new PlanBuilder(ANALYZER.repartition(plan, partitions, shuffle, List.of(keys)));
  }

  public PlanBuilder distinct() {
    return new PlanBuilder(ANALYZER.dropDuplicates(plan, List.of()));
  }

  public PlanBuilder as(String alias) {
    return new PlanBuilder(ANALYZER.alias(plan, alias));
  }

  public PlanBuilder limit(int count) {
    return new PlanBuilder(new Limit(count, plan));
  }

  public LogicalPlan build() {
    return plan;
  }
}
