package dev.ember.sql.tpch;

import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.types.StructType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The eight TPC-H tables as small in-memory DataFrames, with the specification's column names and
 * Spark's usual types (bigint keys, double for decimal amounts, date, string): a few rows each,
 * generated from a fixed seed with consistent foreign keys (every order's customer, every line's
 * order, part and supplier exist), so that the queries return rows. For explain tests and, later,
 * a TPC-H runner that wants a quick smoke run.
 */
public final class TpchTables {
  public static final StructType REGION = StructType.fromDDL("r_regionkey BIGINT, r_name STRING, r_comment STRING");
  public static final StructType NATION = StructType.fromDDL(
      "n_nationkey BIGINT, n_name STRING, n_regionkey BIGINT, n_comment STRING");
  public static final StructType SUPPLIER = StructType.fromDDL("s_suppkey BIGINT, s_name STRING, s_address STRING,"
      + " s_nationkey BIGINT, s_phone STRING, s_acctbal DOUBLE, s_comment STRING");
  public static final StructType CUSTOMER = StructType.fromDDL("c_custkey BIGINT, c_name STRING, c_address STRING,"
      + " c_nationkey BIGINT, c_phone STRING, c_acctbal DOUBLE, c_mktsegment STRING, c_comment STRING");
  public static final StructType PART = StructType.fromDDL("p_partkey BIGINT, p_name STRING, p_mfgr STRING,"
      + " p_brand STRING, p_type STRING, p_size INT, p_container STRING, p_retailprice DOUBLE, p_comment STRING");
  public static final StructType PARTSUPP = StructType.fromDDL("ps_partkey BIGINT, ps_suppkey BIGINT,"
      + " ps_availqty INT, ps_supplycost DOUBLE, ps_comment STRING");
  public static final StructType ORDERS = StructType.fromDDL("o_orderkey BIGINT, o_custkey BIGINT,"
      + " o_orderstatus STRING, o_totalprice DOUBLE, o_orderdate DATE, o_orderpriority STRING, o_clerk STRING,"
      + " o_shippriority INT, o_comment STRING");
  public static final StructType LINEITEM = StructType.fromDDL("l_orderkey BIGINT, l_partkey BIGINT,"
      + " l_suppkey BIGINT, l_linenumber INT, l_quantity DOUBLE, l_extendedprice DOUBLE, l_discount DOUBLE,"
      + " l_tax DOUBLE, l_returnflag STRING, l_linestatus STRING, l_shipdate DATE, l_commitdate DATE,"
      + " l_receiptdate DATE, l_shipinstruct STRING, l_shipmode STRING, l_comment STRING");

  private static final String[] REGIONS = {"AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"};
  private static final String[] NATIONS = {"ALGERIA", "ARGENTINA", "BRAZIL", "CANADA", "EGYPT", "ETHIOPIA", "FRANCE",
      "GERMANY", "INDIA", "INDONESIA", "IRAN", "IRAQ", "JAPAN", "JORDAN", "KENYA", "MOROCCO", "MOZAMBIQUE", "PERU",
      "CHINA", "ROMANIA", "SAUDI ARABIA", "VIETNAM", "RUSSIA", "UNITED KINGDOM", "UNITED STATES"};
  private static final int[] NATION_REGIONS = {0, 1, 1, 1, 4, 0, 3, 3, 2, 2, 4, 4, 2, 4, 0, 0, 0, 1, 2, 3, 4, 2, 3, 3, 1};
  private static final String[] SEGMENTS = {"AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD", "MACHINERY"};
  private static final String[] PRIORITIES = {"1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"};
  private static final String[] SHIP_MODES = {"AIR", "FOB", "MAIL", "RAIL", "REG AIR", "SHIP", "TRUCK"};

  public final DataFrame region;
  public final DataFrame nation;
  public final DataFrame supplier;
  public final DataFrame customer;
  public final DataFrame part;
  public final DataFrame partsupp;
  public final DataFrame orders;
  public final DataFrame lineitem;

  /** Tables with {@code customers} customers, ten orders each at most, one to four lines per order. */
  public TpchTables(EmberSession session, int customers, long seed) {
    Random random = new Random(seed);
    int suppliers = Math.max(2, customers / 3);
    int parts = Math.max(2, customers / 2);
    LocalDate firstDay = LocalDate.of(1992, 1, 1);

    List<Row> regionRows = new ArrayList<>();
    for (int i = 0; i < REGIONS.length; i++) {
      regionRows.add(RowFactory.create((long) i, REGIONS[i], "region " + i));
    }
    List<Row> nationRows = new ArrayList<>();
    for (int i = 0; i < NATIONS.length; i++) {
      nationRows.add(RowFactory.create((long) i, NATIONS[i], (long) NATION_REGIONS[i], "nation " + i));
    }
    List<Row> supplierRows = new ArrayList<>();
    for (long key = 1; key <= suppliers; key++) {
      supplierRows.add(RowFactory.create(key, "Supplier#" + key, "address " + key, (long) random.nextInt(NATIONS.length),
          phone(random), money(random, 10_000), "supplier " + key));
    }
    List<Row> customerRows = new ArrayList<>();
    for (long key = 1; key <= customers; key++) {
      customerRows.add(RowFactory.create(key, "Customer#" + key, "address " + key, (long) random.nextInt(NATIONS.length),
          phone(random), money(random, 10_000), SEGMENTS[random.nextInt(SEGMENTS.length)], "customer " + key));
    }
    List<Row> partRows = new ArrayList<>();
    List<Row> partsuppRows = new ArrayList<>();
    for (long key = 1; key <= parts; key++) {
      partRows.add(RowFactory.create(key, "part " + key, "Manufacturer#" + (1 + random.nextInt(5)),
          "Brand#" + (11 + random.nextInt(45)), "STANDARD POLISHED TIN", 1 + random.nextInt(50), "SM BOX",
          900 + key / 10.0, "part " + key));
      for (int copy = 0; copy < Math.min(4, suppliers); copy++) {
        long supplierKey = 1 + (key + copy) % suppliers;
        partsuppRows.add(RowFactory.create(key, supplierKey, 1 + random.nextInt(9999), money(random, 1_000),
            "partsupp " + key + "/" + supplierKey));
      }
    }
    List<Row> orderRows = new ArrayList<>();
    List<Row> lineRows = new ArrayList<>();
    long orderKey = 0;
    for (long customer = 1; customer <= customers; customer++) {
      int orderCount = random.nextInt(11);
      for (int o = 0; o < orderCount; o++) {
        orderKey++;
        LocalDate orderDate = firstDay.plusDays(random.nextInt(2400));
        int lines = 1 + random.nextInt(4);
        double total = 0;
        for (int line = 1; line <= lines; line++) {
          double quantity = 1 + random.nextInt(50);
          long partKey = 1 + random.nextInt(parts);
          double price = Math.round(quantity * (900 + partKey / 10.0) * 100) / 100.0;
          double discount = random.nextInt(11) / 100.0;
          total += price * (1 - discount);
          LocalDate shipDate = orderDate.plusDays(1 + random.nextInt(120));
          lineRows.add(RowFactory.create(orderKey, partKey, 1 + (partKey + random.nextInt(Math.min(4, suppliers))) % suppliers,
              line, quantity, price, discount, random.nextInt(9) / 100.0, random.nextBoolean() ? "R" : "N",
              random.nextBoolean() ? "O" : "F", shipDate, orderDate.plusDays(30 + random.nextInt(60)),
              shipDate.plusDays(1 + random.nextInt(30)), "DELIVER IN PERSON", SHIP_MODES[random.nextInt(SHIP_MODES.length)],
              "line " + orderKey + "/" + line));
        }
        orderRows.add(RowFactory.create(orderKey, customer, random.nextBoolean() ? "O" : "F",
            Math.round(total * 100) / 100.0, orderDate, PRIORITIES[random.nextInt(PRIORITIES.length)],
            "Clerk#" + (1 + random.nextInt(1000)), 0, "order " + orderKey));
      }
    }
    // One partition per slot, as the golden plans were written: their exchanges and stage counts stay visible.
    int partitions = session.defaultParallelism();
    region = session.createDataFrame(regionRows, REGION, partitions);
    nation = session.createDataFrame(nationRows, NATION, partitions);
    supplier = session.createDataFrame(supplierRows, SUPPLIER, partitions);
    customer = session.createDataFrame(customerRows, CUSTOMER, partitions);
    part = session.createDataFrame(partRows, PART, partitions);
    partsupp = session.createDataFrame(partsuppRows, PARTSUPP, partitions);
    orders = session.createDataFrame(orderRows, ORDERS, partitions);
    lineitem = session.createDataFrame(lineRows, LINEITEM, partitions);
  }

  private static String phone(Random random) {
    return (10 + random.nextInt(25)) + "-" + (100 + random.nextInt(900)) + "-" + (100 + random.nextInt(900)) + "-"
        + (1000 + random.nextInt(9000));
  }

  private static double money(Random random, int range) {
    return Math.round((random.nextDouble() * range - range / 10.0) * 100) / 100.0;
  }
}
