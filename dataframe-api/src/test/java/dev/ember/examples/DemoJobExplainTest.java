package dev.ember.examples;

import static dev.ember.sql.functions.avg;
import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.round;
import static dev.ember.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.StageNode;
import dev.ember.core.scheduler.listener.StageKind;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.explain.GoldenFiles;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The README's demo query, explained: golden simple and formatted plans, and its stage graph. */
class DemoJobExplainTest {

  /** The demo's DataFrame, built as {@link DemoJob#main} builds it, over fewer orders. */
  static DataFrame revenueByCountry(EmberSession session, int orderCount) {
    DataFrame customers = session.createDataFrame(DemoJob.generateCustomers(2_000), new StructType()
        .add("customer_id", DataTypes.IntegerType, false)
        .add("name", DataTypes.StringType)
        .add("segment", DataTypes.StringType)
        .add("country", DataTypes.StringType));
    DataFrame orders = session.createDataFrame(DemoJob.generateOrders(orderCount, 2_000), new StructType()
        .add("order_id", DataTypes.LongType, false)
        .add("customer_id", DataTypes.IntegerType)
        .add("order_date", DataTypes.DateType)
        .add("status", DataTypes.StringType)
        .add("amount", DataTypes.DoubleType));
    return orders
        .filter(col("status").equalTo("shipped").and(col("amount").gt(lit(20.0))))
        .join(customers, "customer_id")
        .groupBy(col("country"), col("segment"))
        .agg(count(col("order_id")).as("orders"),
            round(sum(col("amount")), 2).as("revenue"),
            round(avg(col("amount")), 2).as("average_order"))
        .orderBy(col("revenue").desc());
  }

  @Test
  void demoJobExplains() {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    try (EmberSession session = EmberSession.builder().appName("ember-demo").master("local[4]").getOrCreate()) {
      DataFrame demo = revenueByCountry(session, 5_000);
      GoldenFiles.assertMatches("demo-simple", demo.explainString("simple"));
      GoldenFiles.assertMatches("demo-formatted", demo.explainString("formatted"));
      GoldenFiles.assertMatches("demo-stages-dot", demo.stages().toDot());
      GoldenFiles.assertMatches("demo-stages-mermaid", demo.stages().toMermaid());
      // 2000 customers are under the 10 MB broadcast threshold: no shuffle of the orders for the join.
      assertThat(demo.stages().stages()).extracting(StageNode::kind).containsExactly(
          StageKind.BROADCAST, StageKind.SHUFFLE_MAP, StageKind.SAMPLE, StageKind.SHUFFLE_MAP, StageKind.RESULT);
      assertThat(demo.collectAsList()).hasSize(21);
    }
  }
}
