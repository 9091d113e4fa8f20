package dev.ember.core.operator.join;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.memory.MemoryContext;
import dev.ember.core.operator.BroadcastTableCache;
import dev.ember.core.operator.Operator;
import dev.ember.core.operator.hash.KeyBitmap;
import dev.ember.core.operator.hash.KeyHashTable;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.RowPositions;
import dev.ember.core.vector.VectorHashing;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An equi-join that builds a hash table on the whole right side and probes it with each left batch.
 *
 * <p>Build: the right rows are buffered column-wise; their keys are evaluated and hashed once; the
 * distinct non-null key tuples go into a {@link dev.ember.core.operator.hash.KeyTable} (primitive for one
 * int or long key), and the right rows of each distinct
 * key are chained in input order through int arrays ({@code firstRow} per key, {@code nextRow}
 * per row; none when every key has one row). Probe: a left batch's keys are evaluated, hashed and
 * looked up in one vectorized pass; then each left row walks its chain, producing candidate pairs that are already key-equal. A row
 * with a null in any key never matches (so anti joins keep it and outer joins pad it).
 *
 * <p>The table is a {@link JoinHashTable}, read only once built. Over a broadcast right side in an
 * executor ({@link SharedBuild}), one table is built by the first task of the job that needs it
 * and probed by all the executor's tasks, each with its own cursors and lookup scratch.
 *
 * <p>Semi and anti joins without a condition need no pairs at all: a left row matches exactly when
 * its key is in the table.
 *
 * <p>When the task's memory refuses the build side, the join falls back to a
 * {@link SortMergeJoinOperator} over the whole left side and the right side (the batches read so
 * far, then the rest): same rows, in another order.
 */
public final class HashJoinOperator extends PairJoinOperator {
  private final VectorExpression[] leftKeys;
  private final VectorExpression[] rightKeys;
  private final List<Expression> leftKeyList;
  private final List<Expression> rightKeyList;
  private final Schema leftSchema;
  private final Schema rightSchema;
  /** The build side's table: built here, or shared with the executor's other tasks (then read only). */
  private JoinHashTable table;
  private boolean sharedTable;
  /** Where a broadcast build side's table is shared, or null (built per task). */
  private final SharedBuild sharedBuild;
  /** This operator's own lookup work arrays: a shared table is probed by several tasks at once. */
  private final KeyHashTable.ProbeScratch scratch = new KeyHashTable.ProbeScratch();
  // The table's chains (read only), held here for the probe loop.
  private int[] firstRow;
  private int[] nextRow;

  private int[] probeKeyIds = new int[0];
  private int[] probeHashes = new int[0];
  private int[] probeRows = new int[0];
  /** The left key's column when it is one bare column (then a selected probe batch is read through its selection), else -1. */
  private final int leftKeyColumn;
  /** Key ids by physical position, for probes read through their selection. */
  private int[] physicalKeyIds = new int[0];
  private int probeRow;
  /** The next build row to pair with {@code probeRow}, or -1 when its chain has not started. */
  private int chainRow = -1;

  public HashJoinOperator(
      Operator left,
      Operator right,
      JoinType joinType,
      List<Expression> leftKeys,
      List<Expression> rightKeys,
      Expression condition,
      Schema leftSchema,
      Schema rightSchema) {
    this(left, right, joinType, leftKeys, rightKeys, compileCondition(condition), leftSchema, rightSchema,
        MemoryContext.unlimited(), null);
  }

  /** A hash join that reserves its build side from {@code memory} and falls back to a sort-merge join when refused. */
  public HashJoinOperator(
      Operator left,
      Operator right,
      JoinType joinType,
      List<Expression> leftKeys,
      List<Expression> rightKeys,
      Expression condition,
      Schema leftSchema,
      Schema rightSchema,
      MemoryContext memory) {
    this(left, right, joinType, leftKeys, rightKeys, compileCondition(condition), leftSchema, rightSchema, memory, null);
  }

  /**
   * Where a hash join over a broadcast right side finds its table: built once per executor in
   * {@code cache} under {@code key} from {@code buildSide} (the broadcast's rows), then shared.
   */
  public record SharedBuild(BroadcastTableCache cache, BroadcastTableCache.Key key, Supplier<Batch> buildSide) {
    public SharedBuild {
      Objects.requireNonNull(cache, "cache is null");
      Objects.requireNonNull(key, "key is null");
      Objects.requireNonNull(buildSide, "buildSide is null");
    }

    /**
     * The executor's table for these build keys, built by the first task that asks; null when the
     * cache cannot hold it (then each join builds its own).
     */
    JoinHashTable table(VectorExpression[] buildKeys) {
      return cache.getOrBuild(key, JoinHashTable.class, () -> build(buildKeys));
    }

    /**
     * Builds the executor's table now unless a task has or is building it (then returns at once):
     * a task that needs several tables starts them all before it waits for any.
     */
    public void buildUnlessBusy(List<Expression> buildKeys) {
      cache.buildUnlessBusy(key, () -> {
        // Compiled only by the task that builds: the others find the table built or busy.
        VectorExpression[] compiled = new VectorExpression[buildKeys.size()];
        for (int i = 0; i < compiled.length; i++) {
          compiled[i] = ExpressionCompiler.compile(buildKeys.get(i));
        }
        return build(compiled);
      });
    }

    private BroadcastTableCache.Built<JoinHashTable> build(VectorExpression[] buildKeys) {
      JoinHashTable built = new JoinHashTable(buildSide.get(), buildKeys);
      return new BroadcastTableCache.Built<>(built, built.retainedBytes());
    }

    /**
     * The build side's keys as an exact bitmap, for a scan below the join's probe side to check
     * first (building the shared table now if no task has); null when there is none: several or
     * non-integer keys, keys too spread out, or no room for a shared table.
     */
    public KeyBitmap keyBitmap(List<Expression> buildKeys) {
      if (buildKeys.size() != 1) {
        return null;
      }
      JoinHashTable shared = table(new VectorExpression[] {ExpressionCompiler.compile(buildKeys.get(0))});
      return shared == null ? null : shared.keyBitmap();
    }
  }

  /**
   * A hash join whose broadcast build side is shared with the executor's other tasks through
   * {@code sharedBuild}; when the cache has no room for it, the join builds its own from
   * {@code right} in {@code memory}, as the other constructors do.
   */
  public HashJoinOperator(
      Operator left,
      Operator right,
      JoinType joinType,
      List<Expression> leftKeys,
      List<Expression> rightKeys,
      Expression condition,
      Schema leftSchema,
      Schema rightSchema,
      MemoryContext memory,
      SharedBuild sharedBuild) {
    this(left, right, joinType, leftKeys, rightKeys, compileCondition(condition), leftSchema, rightSchema, memory,
        Objects.requireNonNull(sharedBuild, "sharedBuild is null"));
  }

  /** With a compiled condition (tests use conditions the skeleton compiler cannot compile yet). */
  HashJoinOperator(
      Operator left,
      Operator right,
      JoinType joinType,
      List<Expression> leftKeys,
      List<Expression> rightKeys,
      VectorExpression condition,
      Schema leftSchema,
      Schema rightSchema) {
    this(left, right, joinType, leftKeys, rightKeys, condition, leftSchema, rightSchema, MemoryContext.unlimited(), null);
  }

  HashJoinOperator(
      Operator left,
      Operator right,
      JoinType joinType,
      List<Expression> leftKeys,
      List<Expression> rightKeys,
      VectorExpression condition,
      Schema leftSchema,
      Schema rightSchema,
      MemoryContext memory) {
    this(left, right, joinType, leftKeys, rightKeys, condition, leftSchema, rightSchema, memory, null);
  }

  HashJoinOperator(
      Operator left,
      Operator right,
      JoinType joinType,
      List<Expression> leftKeys,
      List<Expression> rightKeys,
      VectorExpression condition,
      Schema leftSchema,
      Schema rightSchema,
      MemoryContext memory,
      SharedBuild sharedBuild) {
    super(left, right, joinType, condition, leftSchema, rightSchema, memory);
    this.sharedBuild = sharedBuild;
    this.leftKeyList = List.copyOf(leftKeys);
    this.rightKeyList = List.copyOf(rightKeys);
    this.leftSchema = leftSchema;
    this.rightSchema = rightSchema;
    if (leftKeys.isEmpty() || leftKeys.size() != rightKeys.size()) {
      throw new IllegalArgumentException("a hash join needs equal, non-empty key lists: " + leftKeys + " / " + rightKeys);
    }
    this.leftKeys = leftKeys.stream().map(ExpressionCompiler::compile).toArray(VectorExpression[]::new);
    this.leftKeyColumn = leftKeys.size() == 1 && leftKeys.get(0) instanceof BoundReference reference ? reference.ordinal() : -1;
    this.rightKeys = rightKeys.stream().map(ExpressionCompiler::compile).toArray(VectorExpression[]::new);
    for (int i = 0; i < this.leftKeys.length; i++) {
      if (!this.leftKeys[i].type().equals(this.rightKeys[i].type())) {
        throw new IllegalArgumentException("join key " + i + " has type " + this.leftKeys[i].type() + " on the left ("
            + leftKeys.get(i) + ") but " + this.rightKeys[i].type() + " on the right (" + rightKeys.get(i)
            + "): the planner must cast both to one type");
      }
    }
  }

  @Override
  void prepareBuild() {
    useTable(new JoinHashTable(build, rightKeys));
  }

  @Override
  boolean adoptSharedBuild() {
    if (sharedBuild == null) {
      return false;
    }
    JoinHashTable shared = sharedBuild.table(rightKeys);
    if (shared == null) {
      return false;
    }
    useTable(shared);
    build = shared.build();
    sharedTable = true;
    return true;
  }

  private void useTable(JoinHashTable joinTable) {
    table = joinTable;
    firstRow = joinTable.firstRows();
    nextRow = joinTable.nextRows();
  }

  @Override
  void startProbe() {
    int rows = probe.rowCount();
    if (probeKeyIds.length < rows) {
      probeKeyIds = new int[rows];
      probeHashes = new int[rows];
      probeRows = new int[rows];
    }
    if (leftKeyColumn >= 0 && probe.hasSelection() && !table.usesHashes()) {
      findThroughSelection(rows);
    } else {
      ColumnVector[] keys = evaluate(leftKeys, probe);
      if (table.usesHashes()) {
        VectorHashing.hashRows(keys, rows, probeHashes);
      }
      Arrays.fill(probeKeyIds, 0, rows, -1);
      int count = selectRowsWithoutNullKeys(keys, rows, probeRows);
      table.find(keys, probeHashes, probeRows, count, probeKeyIds, scratch);
    }
    probeRow = 0;
    chainRow = -1;
    if (skipMatchedProbeRows && condition == null) {
      for (int row = 0; row < rows; row++) {
        probeMatched[row] = probeKeyIds[row] >= 0;
      }
      probeRow = rows;
    }
  }

  /**
   * The key ids of a probe batch that carries a selection, its key column read in place: the
   * selected positions look up the physical column, so the key is not gathered first (a filter
   * before a join probe keeps a selection, and a table with one integer key reads keys, not hashes).
   */
  private void findThroughSelection(int rows) {
    ColumnVector physicalKey = probe.physicalColumn(leftKeyColumn);
    if (!physicalKey.type().equals(leftKeys[0].type())) {
      throw new IllegalStateException("the join's left key was bound as " + leftKeys[0].type() + " but input["
          + leftKeyColumn + "] holds " + physicalKey.type());
    }
    int[] selection = probe.selection();
    boolean[] nulls = physicalKey.nulls;
    int count = 0;
    for (int row = 0; row < rows; row++) {
      int position = selection[row];
      probeRows[count] = position;
      count += nulls != null && nulls[position] ? 0 : 1;
    }
    if (physicalKeyIds.length < probe.physicalRowCount()) {
      physicalKeyIds = new int[probe.physicalRowCount()];
    }
    table.find(new ColumnVector[] {physicalKey}, probeHashes, probeRows, count, physicalKeyIds, scratch);
    for (int row = 0; row < rows; row++) {
      int position = selection[row];
      probeKeyIds[row] = nulls != null && nulls[position] ? -1 : physicalKeyIds[position];
    }
  }

  @Override
  int nextCandidates(int[] leftRows, int[] rightRows, int capacity) {
    if (nextRow == null) {
      return nextUniqueCandidates(leftRows, rightRows, capacity);
    }
    int rows = probe.rowCount();
    int count = 0;
    int row = probeRow;
    int chain = chainRow;
    while (row < rows && count < capacity) {
      if (chain < 0) {
        int id = probeKeyIds[row];
        if (id < 0 || (skipMatchedProbeRows && probeMatched[row])) {
          row++;
          continue;
        }
        chain = firstRow[id];
      } else if (skipMatchedProbeRows && probeMatched[row]) {
        // Matched in an earlier chunk: the rest of its chain cannot change a semi or anti join.
        chain = -1;
        row++;
        continue;
      }
      while (chain >= 0 && count < capacity) {
        leftRows[count] = row;
        rightRows[count] = chain;
        count++;
        chain = nextRow[chain];
      }
      if (chain < 0) {
        row++;
      }
    }
    probeRow = row;
    chainRow = chain;
    return count;
  }

  /**
   * {@link #nextCandidates} over a table whose keys each have one build row: a probe row has at
   * most one candidate, its key id's row ({@code firstRow[id]}, or the id itself when the table
   * keeps no first rows), so there is no chain to walk or to resume.
   */
  private int nextUniqueCandidates(int[] leftRows, int[] rightRows, int capacity) {
    int rows = probe.rowCount();
    int[] first = firstRow;
    int count = 0;
    int row = probeRow;
    for (; row < rows && count < capacity; row++) {
      int id = probeKeyIds[row];
      if (id < 0 || (skipMatchedProbeRows && probeMatched[row])) {
        continue;
      }
      leftRows[count] = row;
      rightRows[count] = first == null ? id : first[id];
      count++;
    }
    probeRow = row;
    return count;
  }

  static ColumnVector[] evaluate(VectorExpression[] expressions, Batch batch) {
    ColumnVector[] vectors = new ColumnVector[expressions.length];
    for (int i = 0; i < expressions.length; i++) {
      vectors[i] = VectorExpression.dispatch(expressions[i], batch);
    }
    return vectors;
  }

  /** Writes the rows whose keys are all non-null into {@code selected}; returns their count. */
  static int selectRowsWithoutNullKeys(ColumnVector[] keys, int rows, int[] selected) {
    boolean[] hasNull = null;
    for (ColumnVector key : keys) {
      boolean[] nulls = key.nulls;
      if (nulls != null) {
        if (hasNull == null) {
          hasNull = new boolean[rows];
        }
        for (int row = 0; row < rows; row++) {
          hasNull[row] |= nulls[row];
        }
      }
    }
    if (hasNull == null) {
      RowPositions.fillIdentity(selected, 0, rows);
      return rows;
    }
    int count = 0;
    for (int row = 0; row < rows; row++) {
      selected[count] = row;
      count += hasNull[row] ? 0 : 1;
    }
    return count;
  }

  /** The build side did not fit: sort both sides (spilling) and merge them instead. */
  @Override
  Operator fallback(Operator left, Operator rightInput) {
    return new SortMergeJoinOperator(left, rightInput, joinType, leftKeyList, rightKeyList, condition, leftSchema,
        rightSchema, memory);
  }

  /** A shared table belongs to the executor's cache (storage memory), not to this task. */
  @Override
  long lookupBytes() {
    return table == null || sharedTable ? 0 : table.lookupBytes();
  }

  /** Whether this join probes a table built once for the executor's tasks. */
  public boolean probesSharedTable() {
    return sharedTable;
  }

  @Override
  void releaseBuild() {
    table = null;
    firstRow = null;
    nextRow = null;
  }
}
