package dev.ember.benchmarks.tpch;

import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** The eight TPC-H tables as DataFrames of one session, read from the generated files. */
public record TpchTables(DataFrame region, DataFrame nation, DataFrame supplier, DataFrame customer, DataFrame part,
    DataFrame partsupp, DataFrame orders, DataFrame lineitem) {

  public TpchTables {
    Objects.requireNonNull(region, "region is null");
    Objects.requireNonNull(nation, "nation is null");
    Objects.requireNonNull(supplier, "supplier is null");
    Objects.requireNonNull(customer, "customer is null");
    Objects.requireNonNull(part, "part is null");
    Objects.requireNonNull(partsupp, "partsupp is null");
    Objects.requireNonNull(orders, "orders is null");
    Objects.requireNonNull(lineitem, "lineitem is null");
  }

  /** The tables under {@code dataDirectory} (see {@link TpchDataGenerator}), lazily read, not cached. */
  public static TpchTables read(EmberSession session, Path dataDirectory) {
    Map<String, String> ddl = TpchSchemas.tables();
    return new TpchTables(
        table(session, dataDirectory, "region", ddl), table(session, dataDirectory, "nation", ddl),
        table(session, dataDirectory, "supplier", ddl), table(session, dataDirectory, "customer", ddl),
        table(session, dataDirectory, "part", ddl), table(session, dataDirectory, "partsupp", ddl),
        table(session, dataDirectory, "orders", ddl), table(session, dataDirectory, "lineitem", ddl));
  }

  /**
   * Every table cached and materialized by a count ({@code cache()} keeps them in memory, spilling
   * to disk what does not fit the storage side of {@code ember.executor.memory}).
   */
  public TpchTables cached() {
    TpchTables cached = new TpchTables(region.cache(), nation.cache(), supplier.cache(), customer.cache(), part.cache(),
        partsupp.cache(), orders.cache(), lineitem.cache());
    for (DataFrame table : cached.all()) {
      table.count();
    }
    return cached;
  }

  /** Registers each table as a temporary view of its TPC-H name ({@code lineitem}, ...), for SQL. */
  public void registerViews() {
    String[] names = TpchSchemas.tables().keySet().toArray(String[]::new);
    DataFrame[] tables = {region, nation, supplier, customer, part, partsupp, orders, lineitem};
    for (int i = 0; i < tables.length; i++) {
      tables[i].createOrReplaceTempView(names[i]);
    }
  }

  public DataFrame[] all() {
    return new DataFrame[] {region, nation, supplier, customer, part, partsupp, orders, lineitem};
  }

  private static DataFrame table(EmberSession session, Path dataDirectory, String name, Map<String, String> ddl) {
    return session.read().option("sep", "|").schema(ddl.get(name)).csv(dataDirectory.resolve(name).toString());
  }
}
