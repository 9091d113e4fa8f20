package dev.ember.shuffle.partition;

import dev.ember.core.expression.Expression;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.VectorHashing;
import java.util.List;

/**
 * {@code pmod(hash(keys), n)} with {@link VectorHashing}, the hash that aggregates and joins use,
 * so rows with equal keys meet in one partition and stay co-partitioned with other shuffles on the
 * same keys.
 */
public final class HashPartitioner implements Partitioner {
  private final VectorExpression[] keys;
  private final int partitionCount;
  private int[] hashes = new int[0];

  public HashPartitioner(List<Expression> keys, int partitionCount) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("hash partitioning needs at least one key");
    }
    if (partitionCount < 1) {
      throw new IllegalArgumentException("partition count must be positive: " + partitionCount);
    }
    this.keys = new VectorExpression[keys.size()];
    for (int i = 0; i < this.keys.length; i++) {
      this.keys[i] = ExpressionCompiler.compile(keys.get(i));
    }
    this.partitionCount = partitionCount;
  }

  @Override
  public int partitionCount() {
    return partitionCount;
  }

  @Override
  public void assign(Batch batch, int[] partitions) {
    int rows = batch.rowCount();
    ColumnVector[] columns = new ColumnVector[keys.length];
    for (int i = 0; i < keys.length; i++) {
      columns[i] = VectorExpression.dispatch(keys[i], batch);
    }
    if (hashes.length < rows) {
      hashes = new int[rows];
    }
    VectorHashing.hashRows(columns, rows, hashes);
    VectorHashing.partitionsOf(hashes, rows, partitionCount, partitions);
  }
}
