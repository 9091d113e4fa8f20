package dev.ember.core.operator.join;

import dev.ember.core.expression.Expression;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.memory.MemoryContext;
import dev.ember.core.operator.Operator;
import dev.ember.core.operator.buffer.BatchBuffer;
import dev.ember.core.operator.buffer.BatchBuilder;
import dev.ember.core.operator.sort.SortOperator;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.ValueComparison;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An equi-join of two inputs sorted by their keys with external sorts ({@link SortOperator}, keys
 * ascending, nulls first, spilling as needed), then merged: neither side has to fit in memory.
 * Same semantics and output as {@link HashJoinOperator}: rows match when all keys are equal and
 * non-null (doubles in Spark's equality: -0.0 = 0.0, NaN = NaN) and the residual condition is true;
 * a row with a null key never matches; output is left columns then right columns (left only for
 * semi and anti joins); CROSS with keys behaves as INNER.
 *
 * <p>Merge: the cursors advance over rows whose keys differ (emitting them as unmatched where the
 * join type keeps them). At equal keys the right side's group of equal keys is taken: a range of
 * the current right batch, or, when it reaches the end of a batch, copied into a buffer that
 * continues into the next batches. The left rows with that key (possibly over several batches)
 * are paired with the group in chunks of at most {@link Batch#DEFAULT_ROWS} candidate pairs, the
 * condition filters each chunk, and matched flags on both sides decide the outer, semi and anti
 * rows. Limits: a right group of one key is held in memory (not spilled) and the output of one
 * key is queued before it is returned, so one key with a huge left run times a huge group needs
 * memory for its output.
 */
public final class SortMergeJoinOperator implements Operator {
  private final Operator left;
  private final Operator right;
  private final JoinType joinType;
  private final VectorExpression[] leftKeyExpressions;
  private final VectorExpression[] rightKeyExpressions;
  private final VectorExpression condition;
  private final Schema leftSchema;
  private final Schema rightSchema;
  private final int leftWidth;
  private final int rightWidth;
  private final boolean outputsRight;
  private final boolean tracksRightMatches;
  private final BatchBuilder builder;
  private final ArrayDeque<Batch> ready = new ArrayDeque<>();

  private Batch leftBatch;
  private ColumnVector[] leftKeys;
  private boolean[] leftNull;
  private int leftPos;
  private boolean leftDone;
  private Batch rightBatch;
  private ColumnVector[] rightKeys;
  private boolean[] rightNull;
  private int rightPos;
  private boolean rightDone;
  private boolean finished;
  private boolean closed;

  // Candidate pairs of the current left run and right group.
  private final int[] pairLeft = new int[Batch.DEFAULT_ROWS];
  private final int[] pairRight = new int[Batch.DEFAULT_ROWS];
  private final int[] positions = new int[Batch.DEFAULT_ROWS];

  public SortMergeJoinOperator(Operator left, Operator right, JoinType joinType, List<Expression> leftKeys,
      List<Expression> rightKeys, Expression condition, Schema leftSchema, Schema rightSchema, MemoryContext memory) {
    this(left, right, joinType, leftKeys, rightKeys,
        condition == null ? null : ExpressionCompiler.compile(condition), leftSchema, rightSchema, memory);
  }

  /** With a compiled condition (tests use conditions the compiler cannot build). */
  SortMergeJoinOperator(Operator left, Operator right, JoinType joinType, List<Expression> leftKeys,
      List<Expression> rightKeys, VectorExpression condition, Schema leftSchema, Schema rightSchema,
      MemoryContext memory) {
    Objects.requireNonNull(left, "left is null");
    Objects.requireNonNull(right, "right is null");
    this.joinType = Objects.requireNonNull(joinType, "joinType is null");
    this.leftSchema = Objects.requireNonNull(leftSchema, "leftSchema is null");
    this.rightSchema = Objects.requireNonNull(rightSchema, "rightSchema is null");
    Objects.requireNonNull(memory, "memory is null");
    if (leftKeys.isEmpty() || leftKeys.size() != rightKeys.size()) {
      throw new IllegalArgumentException(
          "a sort-merge join needs equal, non-empty key lists: " + leftKeys + " / " + rightKeys);
    }
    if (condition != null && condition.type().kind() != TypeKind.BOOLEAN) {
      throw new IllegalArgumentException("a join condition must be boolean, got " + condition.type());
    }
    this.condition = condition;
    this.leftKeyExpressions = leftKeys.stream().map(ExpressionCompiler::compile).toArray(VectorExpression[]::new);
    this.rightKeyExpressions = rightKeys.stream().map(ExpressionCompiler::compile).toArray(VectorExpression[]::new);
    for (int i = 0; i < leftKeyExpressions.length; i++) {
      if (!leftKeyExpressions[i].type().equals(rightKeyExpressions[i].type())) {
        throw new IllegalArgumentException("join key " + i + " has type " + leftKeyExpressions[i].type()
            + " on the left (" + leftKeys.get(i) + ") but " + rightKeyExpressions[i].type() + " on the right ("
            + rightKeys.get(i) + "): the planner must cast both to one type");
      }
    }
    this.leftWidth = leftSchema.size();
    this.rightWidth = rightSchema.size();
    this.outputsRight = joinType.outputsRight();
    this.tracksRightMatches = joinType == JoinType.RIGHT_OUTER || joinType == JoinType.FULL_OUTER;
    List<ColumnType> outputTypes = new ArrayList<>(leftSchema.types());
    if (outputsRight) {
      outputTypes.addAll(rightSchema.types());
    }
    this.builder = new BatchBuilder(outputTypes);
    Operator sortedLeft = new SortOperator(left, leftSchema, keyOrders(leftKeys), memory);
    this.left = sortedLeft;
    this.right = new SortOperator(right, rightSchema, keyOrders(rightKeys), memory);
  }

  private static List<SortOrder> keyOrders(List<Expression> keys) {
    return keys.stream().map(key -> new SortOrder(key, true, true)).toList();
  }

  @Override
  public Batch next() {
    if (closed) {
      return null;
    }
    while (ready.isEmpty() && !finished) {
      step();
    }
    if (ready.isEmpty() && builder.rowCount() > 0) {
      ready.add(builder.take());
    }
    return ready.poll();
  }

  private void step() {
    boolean hasLeft = ensureLeft();
    boolean hasRight = ensureRight();
    if (!hasLeft && !hasRight) {
      finished = true;
      return;
    }
    if (!hasRight) {
      int count = 0;
      for (int row = leftPos; row < leftBatch.rowCount(); row++) {
        positions[count++] = row;
      }
      leftPos = leftBatch.rowCount();
      emitUnmatchedLeft(positions, count);
      return;
    }
    if (!hasLeft) {
      int count = 0;
      for (int row = rightPos; row < rightBatch.rowCount(); row++) {
        positions[count++] = row;
      }
      rightPos = rightBatch.rowCount();
      if (tracksRightMatches) {
        emitRightOnly(rightBatch, positions, count);
      }
      return;
    }
    if (isNull(leftNull, leftPos)) {
      int count = 0;
      while (leftPos < leftBatch.rowCount() && isNull(leftNull, leftPos)) {
        positions[count++] = leftPos++;
      }
      emitUnmatchedLeft(positions, count);
      return;
    }
    if (isNull(rightNull, rightPos)) {
      int count = 0;
      while (rightPos < rightBatch.rowCount() && isNull(rightNull, rightPos)) {
        positions[count++] = rightPos++;
      }
      if (tracksRightMatches) {
        emitRightOnly(rightBatch, positions, count);
      }
      return;
    }
    int order = compareKeys(leftKeys, leftPos, rightKeys, rightPos);
    if (order < 0) {
      int count = 0;
      while (leftPos < leftBatch.rowCount()
          && (isNull(leftNull, leftPos) || compareKeys(leftKeys, leftPos, rightKeys, rightPos) < 0)) {
        positions[count++] = leftPos++;
      }
      emitUnmatchedLeft(positions, count);
    } else if (order > 0) {
      int count = 0;
      while (rightPos < rightBatch.rowCount()
          && (isNull(rightNull, rightPos) || compareKeys(rightKeys, rightPos, leftKeys, leftPos) < 0)) {
        positions[count++] = rightPos++;
      }
      if (tracksRightMatches) {
        emitRightOnly(rightBatch, positions, count);
      }
    } else {
      joinGroup();
    }
  }

  /** Joins the left rows and right rows that share the key at the two cursors. */
  private void joinGroup() {
    ColumnVector[] groupKeys = rightKeys;
    int groupKeyRow = rightPos;
    int rows = rightBatch.rowCount();
    int end = rightPos + 1;
    while (end < rows && !isNull(rightNull, end) && compareKeys(rightKeys, end, groupKeys, groupKeyRow) == 0) {
      end++;
    }
    Batch group;
    int groupFrom;
    int groupTo;
    if (end < rows) {
      group = rightBatch;
      groupFrom = rightPos;
      groupTo = end;
      rightPos = end;
    } else {
      // The group reaches the end of this batch: collect it over the next batches.
      BatchBuffer buffer = new BatchBuffer(rightSchema.types());
      buffer.append(rightBatch.slice(rightPos, end));
      rightPos = end;
      while (ensureRight() && rightPos == 0) {
        int next = 0;
        int nextRows = rightBatch.rowCount();
        while (next < nextRows && !isNull(rightNull, next) && compareKeys(rightKeys, next, groupKeys, groupKeyRow) == 0) {
          next++;
        }
        if (next > 0) {
          buffer.append(rightBatch.slice(0, next));
        }
        rightPos = next;
        if (next < nextRows) {
          break;
        }
      }
      group = buffer.toBatch();
      groupFrom = 0;
      groupTo = group.rowCount();
    }
    boolean[] groupMatched = tracksRightMatches ? new boolean[groupTo - groupFrom] : null;
    while (true) {
      int runStart = leftPos;
      int leftRows = leftBatch.rowCount();
      while (leftPos < leftRows && !isNull(leftNull, leftPos)
          && compareKeys(leftKeys, leftPos, groupKeys, groupKeyRow) == 0) {
        leftPos++;
      }
      joinRun(runStart, leftPos, group, groupFrom, groupTo, groupMatched);
      if (leftPos < leftRows || !loadLeft()) {
        break;
      }
    }
    if (groupMatched != null) {
      int count = 0;
      for (int i = 0; i < groupMatched.length; i++) {
        if (!groupMatched[i]) {
          if (count == positions.length) {
            emitRightOnly(group, positions, count);
            count = 0;
          }
          positions[count++] = groupFrom + i;
        }
      }
      emitRightOnly(group, positions, count);
    }
  }

  /** Pairs left rows {@code [from, to)} of the current left batch with the group, then emits the left rows' verdicts. */
  private void joinRun(int from, int to, Batch group, int groupFrom, int groupTo, boolean[] groupMatched) {
    int count = to - from;
    if (count == 0) {
      return;
    }
    boolean[] matched = new boolean[count];
    if (condition == null && !outputsRight) {
      Arrays.fill(matched, true);
    } else {
      int pairs = 0;
      for (int leftRow = from; leftRow < to; leftRow++) {
        for (int rightRow = groupFrom; rightRow < groupTo; rightRow++) {
          pairLeft[pairs] = leftRow;
          pairRight[pairs] = rightRow;
          if (++pairs == pairLeft.length) {
            processPairs(pairs, from, group, groupFrom, matched, groupMatched);
            pairs = 0;
          }
        }
      }
      processPairs(pairs, from, group, groupFrom, matched, groupMatched);
    }
    Boolean wanted = switch (joinType) {
      case LEFT_OUTER, FULL_OUTER, LEFT_ANTI -> false;
      case LEFT_SEMI -> true;
      case INNER, CROSS, RIGHT_OUTER -> null;
    };
    if (wanted == null) {
      return;
    }
    int kept = 0;
    for (int i = 0; i < count; i++) {
      if (matched[i] == wanted) {
        positions[kept++] = from + i;
      }
    }
    emitLeft(leftBatch, positions, kept);
  }

  private void processPairs(int count, int runStart, Batch group, int groupFrom, boolean[] matched,
      boolean[] groupMatched) {
    if (count == 0) {
      return;
    }
    if (condition != null) {
      Batch pairs = leftBatch.gather(pairLeft, count).appendColumns(group.gather(pairRight, count));
      BooleanVector keep = (BooleanVector) VectorExpression.dispatch(condition, pairs);
      boolean[] values = keep.values;
      boolean[] nulls = keep.nulls;
      int kept = 0;
      for (int i = 0; i < count; i++) {
        pairLeft[kept] = pairLeft[i];
        pairRight[kept] = pairRight[i];
        kept += values[i] && (nulls == null || !nulls[i]) ? 1 : 0;
      }
      count = kept;
    }
    for (int i = 0; i < count; i++) {
      matched[pairLeft[i] - runStart] = true;
    }
    if (groupMatched != null) {
      for (int i = 0; i < count; i++) {
        groupMatched[pairRight[i] - groupFrom] = true;
      }
    }
    if (outputsRight) {
      emitPairs(group, count);
    }
  }

  private void emitPairs(Batch group, int count) {
    int done = 0;
    while (done < count) {
      int chunk = Math.min(builder.room(), count - done);
      int[] leftRows = done == 0 && chunk == count ? pairLeft : Arrays.copyOfRange(pairLeft, done, done + chunk);
      int[] rightRows = done == 0 && chunk == count ? pairRight : Arrays.copyOfRange(pairRight, done, done + chunk);
      builder.appendRows(leftBatch, 0, leftWidth, leftRows, chunk);
      builder.appendRows(group, leftWidth, rightWidth, rightRows, chunk);
      builder.addRows(chunk);
      done += chunk;
      flushIfFull();
    }
  }

  /** Left rows that found no match, as the join type wants them (padded, kept, or dropped). */
  private void emitUnmatchedLeft(int[] rows, int count) {
    if (joinType == JoinType.LEFT_OUTER || joinType == JoinType.FULL_OUTER || joinType == JoinType.LEFT_ANTI) {
      emitLeft(leftBatch, rows, count);
    }
  }

  /** Left rows, with null right columns when the output has them. */
  private void emitLeft(Batch batch, int[] rows, int count) {
    int done = 0;
    while (done < count) {
      int chunk = Math.min(builder.room(), count - done);
      int[] part = done == 0 && chunk == count ? rows : Arrays.copyOfRange(rows, done, done + chunk);
      builder.appendRows(batch, 0, leftWidth, part, chunk);
      if (outputsRight) {
        builder.appendNulls(leftWidth, rightWidth, chunk);
      }
      builder.addRows(chunk);
      done += chunk;
      flushIfFull();
    }
  }

  private void emitRightOnly(Batch batch, int[] rows, int count) {
    int done = 0;
    while (done < count) {
      int chunk = Math.min(builder.room(), count - done);
      int[] part = done == 0 && chunk == count ? rows : Arrays.copyOfRange(rows, done, done + chunk);
      builder.appendNulls(0, leftWidth, chunk);
      builder.appendRows(batch, leftWidth, rightWidth, part, chunk);
      builder.addRows(chunk);
      done += chunk;
      flushIfFull();
    }
  }

  private void flushIfFull() {
    if (builder.isFull()) {
      ready.add(builder.take());
    }
  }

  private boolean ensureLeft() {
    if (leftDone) {
      return false;
    }
    return (leftBatch != null && leftPos < leftBatch.rowCount()) || loadLeft();
  }

  /** Loads the next non-empty left batch; false at the end. */
  private boolean loadLeft() {
    Batch batch;
    do {
      batch = left.next();
    } while (batch != null && batch.rowCount() == 0);
    if (batch == null) {
      leftDone = true;
      leftBatch = null;
      return false;
    }
    leftBatch = batch;
    leftKeys = evaluate(leftKeyExpressions, batch);
    leftNull = nullKeyRows(leftKeys, batch.rowCount());
    leftPos = 0;
    return true;
  }

  private boolean ensureRight() {
    if (rightDone) {
      return false;
    }
    if (rightBatch != null && rightPos < rightBatch.rowCount()) {
      return true;
    }
    Batch batch;
    do {
      batch = right.next();
    } while (batch != null && batch.rowCount() == 0);
    if (batch == null) {
      rightDone = true;
      rightBatch = null;
      return false;
    }
    rightBatch = batch;
    rightKeys = evaluate(rightKeyExpressions, batch);
    rightNull = nullKeyRows(rightKeys, batch.rowCount());
    rightPos = 0;
    return true;
  }

  private static ColumnVector[] evaluate(VectorExpression[] expressions, Batch batch) {
    ColumnVector[] vectors = new ColumnVector[expressions.length];
    for (int i = 0; i < expressions.length; i++) {
      vectors[i] = VectorExpression.dispatch(expressions[i], batch);
    }
    return vectors;
  }

  /** Rows with a null in any key, or null when no key has a null. */
  private static boolean[] nullKeyRows(ColumnVector[] keys, int rows) {
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
    return hasNull;
  }

  private static boolean isNull(boolean[] nullRows, int row) {
    return nullRows != null && nullRows[row];
  }

  /** Compares two rows with non-null keys in the sort's order. */
  private static int compareKeys(ColumnVector[] left, int leftRow, ColumnVector[] right, int rightRow) {
    for (int k = 0; k < left.length; k++) {
      int order = ValueComparison.compare(left[k], leftRow, right[k], rightRow);
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ready.clear();
    leftBatch = null;
    rightBatch = null;
    try {
      left.close();
    } finally {
      right.close();
    }
  }
}
