package dev.ember.benchmarks.tpch;

import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes the eight TPC-H tables of a scale factor as dbgen does ({@code |}-separated lines, dates
 * as {@code yyyy-MM-dd}, money with two decimals) with Trino's port of dbgen
 * ({@code io.trino.tpch:tpch}, the same rows as dbgen), without dbgen's trailing {@code |} so that
 * every CSV reader sees exactly the columns of {@code tables.ddl}.
 *
 * <p>Layout: {@code <cache>/sf<N>/<table>/part-<i>.tbl}. The large tables are cut into one part a
 * thread (the generator's own part ranges), generated in parallel. A folder is written under a
 * temporary name and renamed when complete, so a folder that exists is whole and is reused.
 */
public final class TpchDataGenerator {
  /** Tables whose generator splits into disjoint parts; nation, region and supplier are tiny. */
  private static final Set<String> SPLIT_TABLES = Set.of("lineitem", "orders", "partsupp", "part", "customer");

  private TpchDataGenerator() {}

  /** The folder of scale factor {@code scaleFactor} under {@code cacheRoot}: {@code sf1}, {@code sf0.01}. */
  public static Path dataDirectory(Path cacheRoot, double scaleFactor) {
    return cacheRoot.resolve("sf" + BigDecimal.valueOf(scaleFactor).stripTrailingZeros().toPlainString());
  }

  /**
   * The data of {@code scaleFactor} under {@code cacheRoot}, generated with {@code threads}
   * threads unless a complete copy is already there.
   *
   * @return the folder holding one sub-folder per table
   */
  public static Path generate(Path cacheRoot, double scaleFactor, int threads) {
    if (!(scaleFactor > 0) || threads < 1) {
      throw new IllegalArgumentException("the scale factor must be positive and threads at least 1, got "
          + scaleFactor + " and " + threads);
    }
    Path target = dataDirectory(cacheRoot, scaleFactor);
    if (Files.isDirectory(target)) {
      return target;
    }
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try {
      deleteRecursively(partial);
      Files.createDirectories(partial);
      int parts = scaleFactor >= 0.1 ? threads : 1;
      List<PartFile> work = new ArrayList<>();
      for (TpchTable<?> table : TpchTable.getTables()) {
        String name = table.getTableName();
        Files.createDirectories(partial.resolve(name));
        int tableParts = SPLIT_TABLES.contains(name) ? parts : 1;
        for (int part = 1; part <= tableParts; part++) {
          work.add(new PartFile(table, part, tableParts, partial.resolve(name).resolve("part-" + part + ".tbl")));
        }
      }
      writeAll(work, scaleFactor, threads);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException writeFailed) {
      throw new UncheckedIOException("cannot write TPC-H data under " + partial, writeFailed);
    }
  }

  private record PartFile(TpchTable<?> table, int part, int partCount, Path file) {}

  private static void writeAll(List<PartFile> work, double scaleFactor, int threads) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (PartFile partFile : work) {
        futures.add(pool.submit(() -> {
          write(partFile, scaleFactor);
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating TPC-H data", interrupted);
    } catch (ExecutionException failed) {
      throw new IOException("generating TPC-H data failed: " + failed.getCause(), failed.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void write(PartFile partFile, double scaleFactor) throws IOException {
    try (Writer writer = new BufferedWriter(Files.newBufferedWriter(partFile.file(), StandardCharsets.UTF_8), 1 << 20)) {
      for (TpchEntity row : partFile.table().createGenerator(scaleFactor, partFile.part(), partFile.partCount())) {
        String line = row.toLine();
        // dbgen ends every line with the separator; the CSV readers would see an extra empty column.
        writer.write(line, 0, line.endsWith("|") ? line.length() - 1 : line.length());
        writer.write('\n');
      }
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    Files.walkFileTree(directory, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path visited, IOException failure) throws IOException {
        if (failure != null) {
          throw failure;
        }
        Files.delete(visited);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
