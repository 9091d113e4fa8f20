package dev.ember.examples;

import static dev.ember.sql.functions.avg;
import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.round;
import static dev.ember.sql.functions.sum;

import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The README's first command: generates orders and customers in-process, runs
 * filter → join → groupBy → orderBy in embedded local mode, and prints the physical plan, the
 * stages the job ran (narrow operators pipelined inside a stage, a shuffle between stages) and the
 * result table.
 */
public final class DemoJob {
  private static final String[] SEGMENTS = {"consumer", "corporate", "home office"};
  private static final String[] COUNTRIES = {"Brazil", "France", "India", "Japan", "Kenya", "Peru", "Spain"};
  private static final String[] STATUSES = {"shipped", "shipped", "shipped", "returned", "pending"};

  private DemoJob() {}

  public static void main(String[] arguments) {
    int orderCount = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 200_000;
    try (EmberSession session = EmberSession.builder().appName("ember-demo").master("local[4]").getOrCreate()) {
      DataFrame revenueByCountry = revenueByCountry(session, orderCount);

      System.out.println("Ember " + session.version() + " demo: " + orderCount + " orders, 2000 customers, master local[4]");
      System.out.println();
      revenueByCountry.explain();
      System.out.println();

      StagePrinter stages = new StagePrinter();
      session.addJobListener(stages);
      List<Row> result = revenueByCountry.collectAsList();
      session.removeJobListener(stages);
      System.out.println("Stages of the job (a new stage starts at every shuffle):");
      stages.lines.forEach(System.out::println);
      System.out.println();
      System.out.println("Revenue by country and segment (" + result.size() + " groups):");
      revenueByCountry.show(25);
    }
  }

  /**
   * The demo's query over generated data: shipped orders over 20 joined with their customers,
   * revenue per country and segment, largest first.
   */
  public static DataFrame revenueByCountry(EmberSession session, int orderCount) {
    DataFrame customers = session.createDataFrame(generateCustomers(2_000), new StructType()
        .add("customer_id", DataTypes.IntegerType, false)
        .add("name", DataTypes.StringType)
        .add("segment", DataTypes.StringType)
        .add("country", DataTypes.StringType));
    DataFrame orders = session.createDataFrame(generateOrders(orderCount, 2_000), new StructType()
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

  /** Collects one line per finished stage; events arrive on the scheduling thread, read after the job. */
  private static final class StagePrinter implements JobListener {
    private final List<String> lines = new ArrayList<>();
    private final java.util.Map<Integer, StageSubmittedEvent> submitted = new java.util.HashMap<>();

    @Override
    public synchronized void onStageSubmitted(StageSubmittedEvent event) {
      submitted.put(event.stageId(), event);
    }

    @Override
    public synchronized void onStageCompleted(StageCompletedEvent event) {
      StageSubmittedEvent start = submitted.get(event.stageId());
      lines.add(String.format("  stage %d  %-11s tasks=%-3d parents=%-8s rows out=%-8d shuffle written=%-8d shuffle read=%-8d %.1f ms",
          event.stageId(), start == null ? "?" : start.kind(), start == null ? 0 : start.partitionCount(),
          start == null ? "?" : start.parentStageIds(), event.metrics().outputRows(),
          event.metrics().shuffleRecordsWritten(), event.metrics().shuffleRecordsRead(), event.durationNanos() / 1e6));
    }
  }

  static List<Row> generateCustomers(int count) {
    Random random = new Random(42);
    List<Row> rows = new ArrayList<>(count);
    for (int id = 1; id <= count; id++) {
      rows.add(RowFactory.create(id, "customer-" + id, SEGMENTS[random.nextInt(SEGMENTS.length)],
          COUNTRIES[random.nextInt(COUNTRIES.length)]));
    }
    return rows;
  }

  static List<Row> generateOrders(int count, int customerCount) {
    Random random = new Random(7);
    LocalDate firstDay = LocalDate.of(2025, 1, 1);
    List<Row> rows = new ArrayList<>(count);
    for (long id = 1; id <= count; id++) {
      // A few customers place many orders: skewed keys, as in real order data.
      int customer = random.nextInt(10) == 0 ? 1 + random.nextInt(5) : 1 + random.nextInt(customerCount);
      Integer customerId = random.nextInt(500) == 0 ? null : customer;
      double amount = Math.round(random.nextDouble() * random.nextDouble() * 50_000) / 100.0;
      rows.add(RowFactory.create(id, customerId, firstDay.plusDays(random.nextInt(365)),
          STATUSES[random.nextInt(STATUSES.length)], amount));
    }
    return rows;
  }
}
