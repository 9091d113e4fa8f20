package dev.ember.core.operator.join;

import dev.ember.core.expression.Expression;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.memory.MemoryConsumer;
import dev.ember.core.memory.MemoryContext;
import dev.ember.core.operator.Operator;
import dev.ember.core.vector.BatchSizes;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.Schema;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The part hash and nested loop joins share: the right side is buffered whole (the build side),
 * each left batch is probed, and a subclass proposes candidate (left row, right row) pairs in
 * chunks of at most {@link Batch#DEFAULT_ROWS}. Here the optional residual condition filters each
 * chunk (evaluated once on a batch of the pairs: left columns, then right columns), matched flags
 * are kept for both sides, and the output is built with {@link Batch#gather} (-1 gives the null
 * side of outer joins). Because chunks are bounded, a probe row that matches many build rows
 * streams its output over several batches instead of materializing all pairs; when a selective
 * condition leaves few pairs per chunk, the survivors of several chunks of one probe batch are
 * collected into one output batch.
 *
 * <p>Output order: for each left batch its matching pairs, then (left outer, full outer) its
 * unmatched rows, or (semi, anti) its kept rows; after the left side, (right outer, full outer) the
 * right rows that never matched.
 *
 * <p>Memory: the build side reserves execution memory batch by batch (twice its estimated size plus
 * 16 bytes per row, for the copy and the lookup structures). When a reservation is refused, a
 * subclass may hand the join over to an operator that does not need the build side in memory
 * ({@link #fallback}: the hash join falls back to a sort-merge join over the buffered batches
 * followed by the rest of the right input); otherwise the build side grows anyway.
 */
abstract sealed class PairJoinOperator implements Operator, MemoryConsumer permits HashJoinOperator, NestedLoopJoinOperator {
  private enum Phase { PROBE, PROBE_TAIL, UNMATCHED_BUILD, DONE }

  private final Operator left;
  private final Operator right;
  protected final JoinType joinType;
  private final Schema leftSchema;
  private final Schema rightSchema;
  protected final VectorExpression condition;
  /** Semi and anti joins need one match per left row: later candidates of a matched row are skipped. */
  protected final boolean skipMatchedProbeRows;
  private final boolean tracksBuildMatches;

  private Phase phase = Phase.PROBE;
  private boolean built;
  private boolean closed;
  protected Batch build;
  private boolean[] buildMatched;
  protected Batch probe;
  protected boolean[] probeMatched = new boolean[0];
  private final int[] pairLeft = new int[Batch.DEFAULT_ROWS];
  private final int[] pairRight = new int[Batch.DEFAULT_ROWS];
  /** Matched pairs of the current probe batch not yet emitted. */
  private final int[] pendingLeft = new int[Batch.DEFAULT_ROWS];
  private final int[] pendingRight = new int[Batch.DEFAULT_ROWS];
  private int pendingCount;
  private final int[] positions = new int[Batch.DEFAULT_ROWS];
  private final int[] nullPositions = new int[Batch.DEFAULT_ROWS];
  private int cursor;
  private long buildBytes;
  protected final MemoryContext memory;
  private long reserved;
  /** The operator the join handed over to when the build side did not fit, or null. */
  private Operator fallback;

  PairJoinOperator(
      Operator left,
      Operator right,
      JoinType joinType,
      VectorExpression condition,
      Schema leftSchema,
      Schema rightSchema,
      MemoryContext memory) {
    this.memory = Objects.requireNonNull(memory, "memory is null");
    this.left = Objects.requireNonNull(left, "left is null");
    this.right = Objects.requireNonNull(right, "right is null");
    this.joinType = Objects.requireNonNull(joinType, "joinType is null");
    this.leftSchema = Objects.requireNonNull(leftSchema, "leftSchema is null");
    this.rightSchema = Objects.requireNonNull(rightSchema, "rightSchema is null");
    this.condition = condition;
    if (condition != null && condition.type().kind() != TypeKind.BOOLEAN) {
      throw new IllegalArgumentException("a join condition must be boolean, got " + condition.type());
    }
    this.skipMatchedProbeRows = joinType == JoinType.LEFT_SEMI || joinType == JoinType.LEFT_ANTI;
    this.tracksBuildMatches = joinType == JoinType.RIGHT_OUTER || joinType == JoinType.FULL_OUTER;
    Arrays.fill(nullPositions, -1);
  }

  static VectorExpression compileCondition(Expression condition) {
    return condition == null ? null : ExpressionCompiler.compile(condition);
  }

  /** Builds the lookup structure over {@link #build}, which holds every right row. */
  abstract void prepareBuild();

  /**
   * Sets {@link #build} and the lookup structures from a build shared with other tasks, instead of
   * reading the right side; false when there is none (then the right side is read and built here).
   */
  boolean adoptSharedBuild() {
    return false;
  }

  /** Starts probing {@link #probe}; {@link #probeMatched} is cleared and may be preset here. */
  abstract void startProbe();

  /**
   * Fills up to {@code capacity} candidate pairs for the current probe batch and returns their
   * count; 0 means the probe batch has no more candidates.
   */
  abstract int nextCandidates(int[] leftRows, int[] rightRows, int capacity);

  /** Releases subclass structures. */
  abstract void releaseBuild();

  /** Bytes of the subclass's lookup structures. */
  abstract long lookupBytes();

  /**
   * The operator that computes this join without holding the build side, over the whole left input
   * and {@code rightInput} (the buffered right batches, then the rest of the right side); null when
   * the join has none. The returned operator owns and closes both inputs.
   */
  abstract Operator fallback(Operator left, Operator rightInput);

  @Override
  public String name() {
    return getClass().getSimpleName();
  }

  /** The build side is needed whole until the end: it cannot be given back early. */
  @Override
  public long spill(long bytes) {
    return 0;
  }

  /** Whether the join handed over to a {@link #fallback} operator (the build side did not fit). */
  public final boolean fellBack() {
    return fallback != null;
  }

  /** Reads the right side; false when it did not fit and {@link #fallback} took over. */
  private boolean readBuildSide() {
    List<Batch> batches = new ArrayList<>();
    Batch batch;
    while ((batch = right.next()) != null) {
      if (batch.rowCount() == 0) {
        continue;
      }
      // The build side is kept for the whole join: gather its selected rows once, here.
      batch = batch.dense();
      batches.add(batch);
      long needed = 2 * BatchSizes.estimateBytes(batch) + 16L * batch.rowCount();
      long granted = memory.memory().reserve(needed, this);
      reserved += granted;
      if (granted < needed) {
        Operator handOver = fallback(left, new PrefixedOperator(batches, right));
        if (handOver != null) {
          releaseReserved();
          fallback = handOver;
          return false;
        }
      }
    }
    // Concatenated column by column; dictionary-encoded strings stay so (an int per row to gather later).
    build = Batch.concat(rightSchema, batches);
    buildBytes = BatchSizes.estimateBytes(build);
    return true;
  }

  /**
   * The reservation made while reading was an estimate; the built side (buffer and lookup table,
   * whose capacity rounds up) may hold more. Tops the reservation up to what is held, or, refused,
   * drops the table and hands the join over to {@link #fallback}; false then.
   */
  private boolean reserveWhatTheBuildHolds() {
    long needed = retainedBytes() - reserved;
    if (needed <= 0) {
      return true;
    }
    long granted = memory.memory().reserve(needed, this);
    reserved += granted;
    if (granted >= needed) {
      return true;
    }
    Operator handOver = fallback(left, new PrefixedOperator(List.of(build), right));
    if (handOver == null) {
      return true;
    }
    releaseBuild();
    build = null;
    buildMatched = null;
    releaseReserved();
    fallback = handOver;
    return false;
  }

  private void releaseReserved() {
    if (reserved > 0) {
      memory.memory().release(reserved, this);
      reserved = 0;
    }
  }

  /** Approximate bytes held by the build side (for a later memory-accounting hook). */
  public final long retainedBytes() {
    return build == null ? 0 : buildBytes + lookupBytes();
  }

  @Override
  public final Batch next() {
    if (closed) {
      return null;
    }
    if (fallback != null) {
      return fallback.next();
    }
    if (!built) {
      if (adoptSharedBuild()) {
        // Another task's build, shared read-only: the right input is never read.
        buildMatched = tracksBuildMatches ? new boolean[build.rowCount()] : null;
        memory.metrics().addOperatorBuildRows(build.rowCount());
        built = true;
      } else {
        if (!readBuildSide()) {
          built = true;
          return fallback.next();
        }
        buildMatched = tracksBuildMatches ? new boolean[build.rowCount()] : null;
        memory.metrics().addOperatorBuildRows(build.rowCount());
        prepareBuild();
        built = true;
        if (!reserveWhatTheBuildHolds()) {
          return fallback.next();
        }
      }
    }
    while (true) {
      switch (phase) {
        case PROBE -> {
          if (probe == null && !startNextProbeBatch()) {
            phase = tracksBuildMatches ? Phase.UNMATCHED_BUILD : Phase.DONE;
            cursor = 0;
            continue;
          }
          int count = nextCandidates(pairLeft, pairRight, Batch.DEFAULT_ROWS);
          if (count == 0) {
            // Pending pairs point into this probe batch: emit them before moving on.
            if (pendingCount > 0) {
              return flushPending();
            }
            phase = Phase.PROBE_TAIL;
            cursor = 0;
            continue;
          }
          Batch output = processCandidates(count);
          if (output != null) {
            return output;
          }
        }
        case PROBE_TAIL -> {
          Batch output = emitProbeTail();
          if (output != null) {
            return output;
          }
          probe = null;
          phase = Phase.PROBE;
        }
        case UNMATCHED_BUILD -> {
          Batch output = emitUnmatchedBuild();
          if (output != null) {
            return output;
          }
          phase = Phase.DONE;
        }
        case DONE -> {
          release();
          return null;
        }
      }
    }
  }

  private boolean startNextProbeBatch() {
    Batch batch;
    do {
      batch = left.next();
      if (batch == null) {
        return false;
      }
    } while (batch.rowCount() == 0);
    probe = batch;
    if (probeMatched.length < batch.rowCount()) {
      probeMatched = new boolean[batch.rowCount()];
    } else {
      Arrays.fill(probeMatched, 0, batch.rowCount(), false);
    }
    startProbe();
    return true;
  }

  private Batch processCandidates(int count) {
    Batch pairs = null;
    if (condition != null) {
      pairs = probe.gather(pairLeft, count).appendColumns(build.gather(pairRight, count));
      BooleanVector keep = (BooleanVector) VectorExpression.dispatch(condition, pairs);
      boolean[] values = keep.values;
      boolean[] nulls = keep.nulls;
      int kept = 0;
      for (int i = 0; i < count; i++) {
        pairLeft[kept] = pairLeft[i];
        pairRight[kept] = pairRight[i];
        kept += values[i] && (nulls == null || !nulls[i]) ? 1 : 0;
      }
      if (kept != count) {
        pairs = null;
      }
      count = kept;
    }
    for (int i = 0; i < count; i++) {
      probeMatched[pairLeft[i]] = true;
    }
    if (buildMatched != null) {
      for (int i = 0; i < count; i++) {
        buildMatched[pairRight[i]] = true;
      }
    }
    if (!joinType.outputsRight() || count == 0) {
      return null;
    }
    if (pendingCount == 0 && (pairs != null || count == pendingLeft.length || wholeProbeInOrder(pairLeft, count))) {
      return pairs != null ? pairs : pairsBatch(pairLeft, pairRight, count);
    }
    // A selective condition leaves few pairs per chunk: collect them into fuller output batches.
    Batch output = pendingCount + count > pendingLeft.length ? flushPending() : null;
    System.arraycopy(pairLeft, 0, pendingLeft, pendingCount, count);
    System.arraycopy(pairRight, 0, pendingRight, pendingCount, count);
    pendingCount += count;
    return output;
  }

  private Batch flushPending() {
    Batch output = pairsBatch(pendingLeft, pendingRight, pendingCount);
    pendingCount = 0;
    return output;
  }

  /**
   * The pairs as rows: the probe side's columns, then the build side's. When the pairs are every
   * probe row once, in order — a foreign-key join whose keys all match, as lineitem's supplier keys
   * do — the probe batch's columns are the left half as they are, not a copy.
   */
  private Batch pairsBatch(int[] leftRows, int[] rightRows, int count) {
    Batch left = wholeProbeInOrder(leftRows, count) ? probe : probe.gather(leftRows, count);
    return left.appendColumns(build.gather(rightRows, count));
  }

  /** Whether {@code rows[0..count)} is 0, 1, ..., n - 1 for the whole probe batch (without a selection). */
  private boolean wholeProbeInOrder(int[] rows, int count) {
    if (count != probe.rowCount() || probe.hasSelection()) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      if (rows[i] != i) {
        return false;
      }
    }
    return true;
  }

  /** After a probe batch: its unmatched rows (outer), matched rows (semi) or unmatched rows (anti). */
  private Batch emitProbeTail() {
    Boolean wantedMatch = switch (joinType) {
      case LEFT_OUTER, FULL_OUTER, LEFT_ANTI -> false;
      case LEFT_SEMI -> true;
      case INNER, CROSS, RIGHT_OUTER -> null;
    };
    if (wantedMatch == null) {
      return null;
    }
    boolean wanted = wantedMatch;
    int rows = probe.rowCount();
    int count = 0;
    while (cursor < rows && count < positions.length) {
      positions[count] = cursor;
      count += probeMatched[cursor] == wanted ? 1 : 0;
      cursor++;
    }
    if (count == 0) {
      return null;
    }
    Batch kept = probe.gather(positions, count);
    return joinType.outputsRight() ? kept.appendColumns(build.gather(nullPositions, count)) : kept;
  }

  /** After the left side: right rows that never matched, with null left columns. */
  private Batch emitUnmatchedBuild() {
    int rows = build.rowCount();
    int count = 0;
    while (cursor < rows && count < positions.length) {
      positions[count] = cursor;
      count += buildMatched[cursor] ? 0 : 1;
      cursor++;
    }
    if (count == 0) {
      return null;
    }
    return Batch.empty(leftSchema).gather(nullPositions, count).appendColumns(build.gather(positions, count));
  }

  private void release() {
    releaseBuild();
    build = null;
    buildBytes = 0;
    buildMatched = null;
    probe = null;
    probeMatched = new boolean[0];
    pendingCount = 0;
    phase = Phase.DONE;
    releaseReserved();
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    release();
    if (fallback != null) {
      fallback.close();
      return;
    }
    try {
      left.close();
    } finally {
      right.close();
    }
  }
}
