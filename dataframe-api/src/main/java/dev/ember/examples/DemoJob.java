package dev.ember.examples;

import static dev.ember.sql.functions.avg;
import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.round;
import static dev.ember.sql.functions.sum;

import dev.ember.catalyst.explain.OperatorNode;
import dev.ember.catalyst.explain.StageGraph;
import dev.ember.catalyst.explain.StageNode;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.JobStartEvent;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageKind;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The README's first command: generates orders and customers in-process, runs
 * filter → join → groupBy → orderBy in embedded local mode (or on {@code --master}, for example
 * {@code local-cluster[2,1,1g]}), and prints the plan stage by stage
 * with a legend of narrow and wide, the stages the job ran with the rows each read and wrote, the executors each stage's tasks ran on, two
 * sentences that read the plan, and the result table.
 */
public final class DemoJob {
  static final int CUSTOMER_COUNT = 2_000;
  private static final String[] SEGMENTS = {"consumer", "corporate", "home office"};
  private static final String[] COUNTRIES = {"Brazil", "France", "India", "Japan", "Kenya", "Peru", "Spain"};
  private static final String[] STATUSES = {"shipped", "shipped", "shipped", "returned", "pending"};

  private DemoJob() {}

  static final String USAGE = "usage: DemoJob [ORDER_COUNT] [--master MASTER]   (defaults: 200000, local[4];"
      + " for example --master local-cluster[2,1,1g] runs it on two executor processes)";

  public static void main(String[] arguments) {
    int orderCount = 200_000;
    String master = "local[4]";
    for (int index = 0; index < arguments.length; index++) {
      if (arguments[index].equals("--master") && index + 1 < arguments.length) {
        master = arguments[++index];
      } else if (arguments[index].matches("[0-9]+")) {
        orderCount = Integer.parseInt(arguments[index]);
      } else {
        throw new IllegalArgumentException("unexpected argument '" + arguments[index] + "'\n" + USAGE);
      }
    }
    try (EmberSession session = EmberSession.builder().appName("ember-demo").master(master).getOrCreate()) {
      DataFrame revenueByCountry = revenueByCountry(session, orderCount);

      System.out.println("Ember " + session.version() + " demo: " + orderCount + " orders, " + CUSTOMER_COUNT
          + " customers, master " + master);
      System.out.println("Query: shipped orders over 20 JOIN customers, GROUP BY country, segment, ORDER BY revenue DESC");
      System.out.println();
      revenueByCountry.explain("formatted");
      System.out.println(LEGEND);
      System.out.println();

      StageGraph plan = revenueByCountry.stages();
      StageRecorder recorder = new StageRecorder();
      session.addJobListener(recorder);
      List<Row> result = revenueByCountry.collectAsList();
      // Events reach listeners on the listener bus's thread: wait for this job's before reading them.
      session.waitUntilListenerBusEmpty(java.time.Duration.ofSeconds(30));
      session.removeJobListener(recorder);
      System.out.println("Stages the job ran (one task per partition; parents first):");
      System.out.println(stageTable(plan, recorder, orderCount));
      System.out.println();
      System.out.println(whereTasksRan(recorder));
      System.out.println();
      System.out.println(readThePlan(plan, recorder));
      System.out.println();
      System.out.println("Revenue by country and segment (" + result.size() + " groups):");
      revenueByCountry.show(25);
    }
  }

  /** How to read explain("formatted"): the two kinds of transformation. */
  static final String LEGEND = """
      How to read it: the job runs as stages, one task per partition in each.
        [narrow]  runs inside a task, pipelined batch by batch with its neighbours: no row leaves the task
                  (scan, filter, project, the probe side of a join, a partial aggregate).
        [wide]    an exchange: rows move between tasks, hashed or range-partitioned by key (a shuffle) or
                  copied whole to every task (a broadcast); a new stage starts after it.""";

  /** Kind names as Spark's UI says them. */
  static String kindName(StageKind kind) {
    return switch (kind) {
      case SHUFFLE_MAP -> "shuffle-map";
      case BROADCAST -> "broadcast";
      case SAMPLE -> "sample";
      case RESULT -> "result";
    };
  }

  /**
   * One line per stage: what it read (the generated tables it scans, the shuffle it fetches) and
   * what it wrote (rows into a shuffle, a broadcast, samples of sort keys, or result rows).
   */
  static String stageTable(StageGraph plan, StageRecorder recorder, int orderCount) {
    StringBuilder table = new StringBuilder(String.format("  %-5s %-11s %5s %-8s %12s %12s  %s%n",
        "stage", "kind", "tasks", "parents", "rows read", "rows written", "written to"));
    List<Integer> stageIds = recorder.jobStageIds();
    for (int key = 0; key < stageIds.size(); key++) {
      int stageId = stageIds.get(key);
      StageCompletedEvent completed = recorder.completed().stream()
          .filter(stage -> stage.stageId() == stageId).findFirst().orElse(null);
      if (completed == null) {
        table.append(skippedStageLine(plan.stages().get(key), stageIds, recorder));
        continue;
      }
      StageSubmittedEvent submitted = recorder.submitted(completed.stageId());
      // The stage key is the stage's number in the explained plan (stage ids count on across a session's jobs).
      StageNode node = plan.stages().stream().filter(stage -> stage.id() == submitted.stageKey()).findFirst().orElse(null);
      TaskMetrics metrics = completed.metrics();
      long scanned = 0;
      if (node != null) {
        for (OperatorNode operator : node.operators()) {
          // The demo knows its two generated tables by their key column.
          if (isScanOf(operator, "order_id")) {
            scanned += orderCount;
          } else if (isScanOf(operator, "name")) {
            scanned += CUSTOMER_COUNT;
          }
        }
      }
      long read = scanned + metrics.shuffleRecordsRead();
      long written = submitted.kind() == StageKind.SHUFFLE_MAP ? metrics.shuffleRecordsWritten() : metrics.outputRows();
      String target = switch (submitted.kind()) {
        case SHUFFLE_MAP -> "the shuffle its child stages fetch";
        case BROADCAST -> "every task of the joining stage";
        case SAMPLE -> "the driver, to pick range bounds";
        case RESULT -> "the driver: the answer";
      };
      table.append(String.format("  %-5d %-11s %5d %-8s %,12d %,12d  %s%n", completed.stageId(), kindName(submitted.kind()),
          submitted.partitionCount(), submitted.parentStageIds(), read, written, target));
    }
    return table.toString().stripTrailing();
  }

  /**
   * A stage the job did not need to run: a sample stage whose input fit one partition (its rows are
   * those its parents wrote), so no range bounds were needed and one task sorts every row.
   */
  private static String skippedStageLine(StageNode stage, List<Integer> stageIds, StageRecorder recorder) {
    List<Integer> parentIds = stage.parents().stream().map(stageIds::get).toList();
    String why = "skipped: its output was there already";
    if (stage.kind() == StageKind.SAMPLE) {
      long rows = recorder.completed().stream().filter(completed -> parentIds.contains(completed.stageId()))
          .mapToLong(completed -> completed.metrics().shuffleRecordsWritten()).sum();
      why = String.format("skipped: %,d rows fit one partition, no range bounds needed", rows);
    }
    return String.format("  %-5d %-11s %5s %-8s %12s %12s  %s%n", stageIds.get(stage.id()), kindName(stage.kind()), "-",
        parentIds, "-", "-", why);
  }

  /**
   * Which executor ran each stage's tasks (successful attempts): {@code local} in local mode; on a
   * cluster each executor's id and {@code host:port}, so the reader sees one stage spread over
   * processes.
   */
  static String whereTasksRan(StageRecorder recorder) {
    StringBuilder text = new StringBuilder("Where the tasks ran (executor: tasks):");
    for (StageCompletedEvent completed : recorder.completed()) {
      List<String> executors = new ArrayList<>();
      recorder.tasksByExecutor(completed.stageId())
          .forEach((executor, tasks) -> executors.add("executor " + executor + ": " + tasks));
      text.append(String.format("%n  stage %-3d %s", completed.stageId(), String.join(", ", executors)));
    }
    return text.toString();
  }

  private static boolean isScanOf(OperatorNode operator, String column) {
    return operator.name().endsWith("Scan")
        && operator.output().stream().anyMatch(output -> output.equals(column) || output.startsWith(column + ":")
            || output.startsWith(column + "#"));
  }

  /** Breaks text into lines of at most {@code width} characters at spaces. */
  static String wrap(String text, int width) {
    StringBuilder wrapped = new StringBuilder();
    for (String paragraph : text.split("\n")) {
      int lineLength = 0;
      for (String word : paragraph.split(" ")) {
        if (lineLength > 0 && lineLength + 1 + word.length() > width) {
          wrapped.append('\n');
          lineLength = 0;
        } else if (lineLength > 0) {
          wrapped.append(' ');
          lineLength++;
        }
        wrapped.append(word);
        lineLength += word.length();
      }
      wrapped.append('\n');
    }
    return wrapped.toString().stripTrailing();
  }

  /** Two sentences that read this job's plan: where it is narrow, where it is wide, and why. */
  static String readThePlan(StageGraph plan, StageRecorder recorder) {
    long wide = plan.operators().stream().filter(OperatorNode::wide).count();
    long narrow = plan.operators().size() - wide;
    long shuffles = recorder.completed().stream()
        .filter(stage -> recorder.submitted(stage.stageId()).kind() == StageKind.SHUFFLE_MAP).count();
    long broadcasts = recorder.completed().stream()
        .filter(stage -> recorder.submitted(stage.stageId()).kind() == StageKind.BROADCAST).count();
    long shuffled = recorder.completed().stream().mapToLong(stage -> stage.metrics().shuffleRecordsWritten()).sum();
    return wrap("Reading the plan: " + narrow + " of its " + plan.operators().size() + " operators are narrow, so the filter,"
        + " the join's probe and the partial aggregate run pipelined inside each task, and the small customers table is"
        + " broadcast (" + broadcasts + " broadcast stage) instead of shuffled, so the join itself moves no orders.\n"
        + "Only " + wide + " operators are wide (" + broadcasts + " broadcast, " + shuffles + " shuffles), and the shuffles"
        + " move just " + shuffled + " rows in all, because"
        + " the partial aggregate shrinks each task's orders to one row per (country, segment) before the groupBy"
        + " shuffle, and " + (sampleSkipped(plan, recorder)
            ? "the orderBy skipped sampling its keys (sample stage): its few groups fit one partition, and one"
                + " result task sorts them all."
            : "the orderBy samples its keys (sample stage) to range-partition the groups so every result task sorts"
                + " one range."), 100);
  }

  /** Whether the job's sample stage was skipped (its input fit one partition). */
  private static boolean sampleSkipped(StageGraph plan, StageRecorder recorder) {
    List<Integer> stageIds = recorder.jobStageIds();
    return plan.stages().stream().anyMatch(stage -> stage.kind() == StageKind.SAMPLE && stage.id() < stageIds.size()
        && recorder.submitted(stageIds.get(stage.id())) == null);
  }

  /**
   * The demo's query over generated data: shipped orders over 20 joined with their customers,
   * revenue per country and segment, largest first.
   */
  public static DataFrame revenueByCountry(EmberSession session, int orderCount) {
    // A partition per task slot even for small data, so that the demo shows its shuffles and stages.
    int partitions = session.defaultParallelism();
    DataFrame customers = session.createDataFrame(generateCustomers(CUSTOMER_COUNT), new StructType()
        .add("customer_id", DataTypes.IntegerType, false)
        .add("name", DataTypes.StringType)
        .add("segment", DataTypes.StringType)
        .add("country", DataTypes.StringType), partitions);
    DataFrame orders = session.createDataFrame(generateOrders(orderCount, CUSTOMER_COUNT), new StructType()
        .add("order_id", DataTypes.LongType, false)
        .add("customer_id", DataTypes.IntegerType)
        .add("order_date", DataTypes.DateType)
        .add("status", DataTypes.StringType)
        .add("amount", DataTypes.DoubleType), partitions);
    return orders
        .filter(col("status").equalTo("shipped").and(col("amount").gt(lit(20.0))))
        .join(customers, "customer_id")
        .groupBy(col("country"), col("segment"))
        .agg(count(col("order_id")).as("orders"),
            round(sum(col("amount")), 2).as("revenue"),
            round(avg(col("amount")), 2).as("average_order"))
        .orderBy(col("revenue").desc());
  }

  /** Records the stages of a job; events arrive on the scheduling thread, read after the job. */
  static final class StageRecorder implements JobListener {
    private List<Integer> jobStageIds = List.of();
    private final List<StageCompletedEvent> completed = new ArrayList<>();
    private final Map<Integer, StageSubmittedEvent> submitted = new HashMap<>();
    private final Map<Integer, Map<String, Integer>> tasksByExecutor = new HashMap<>();

    @Override
    public synchronized void onTaskEnd(TaskEndEvent event) {
      if (event.succeeded()) {
        tasksByExecutor.computeIfAbsent(event.stageId(), stage -> new java.util.TreeMap<>())
            .merge(event.executorDescription(), 1, Integer::sum);
      }
    }

    /** Successful tasks of a stage per executor description, by description. */
    synchronized Map<String, Integer> tasksByExecutor(int stageId) {
      return new java.util.TreeMap<>(tasksByExecutor.getOrDefault(stageId, Map.of()));
    }

    @Override
    public synchronized void onJobStart(JobStartEvent event) {
      jobStageIds = event.stageIds();
    }

    /** The stage ids of the job, by stage key (parents first), whether they ran or were skipped. */
    synchronized List<Integer> jobStageIds() {
      return jobStageIds;
    }

    @Override
    public synchronized void onStageSubmitted(StageSubmittedEvent event) {
      submitted.put(event.stageId(), event);
    }

    @Override
    public synchronized void onStageCompleted(StageCompletedEvent event) {
      completed.add(event);
    }

    synchronized List<StageCompletedEvent> completed() {
      return List.copyOf(completed);
    }

    synchronized StageSubmittedEvent submitted(int stageId) {
      return submitted.get(stageId);
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
