package dev.ember.core.vector;

/** Test helper: the same string rows in the dictionary layout, so tests can run kernels on both layouts. */
public final class StringLayouts {
  private StringLayouts() {}

  /** {@code vector}'s rows as a dictionary vector (entries in first-seen order; null rows stay null). */
  public static StringVector dictionaryEncoded(StringVector vector) {
    int size = vector.size();
    StringDictionaryBuilder dictionary = new StringDictionaryBuilder(Math.max(1, size));
    int[] ids = new int[size];
    for (int row = 0; row < size; row++) {
      if (!vector.isNull(row)) {
        ids[row] = dictionary.idOf(vector.data(), vector.start(row), vector.end(row));
      }
    }
    boolean[] nulls = vector.nulls == null ? null : java.util.Arrays.copyOf(vector.nulls, size);
    return StringVector.dictionaryEncoded(vector.type(), ids, dictionary.build(), nulls, size);
  }

  /** {@code batch} with every string column dictionary-encoded. */
  public static Batch withDictionaryStrings(Batch batch) {
    ColumnVector[] columns = new ColumnVector[batch.columnCount()];
    for (int column = 0; column < columns.length; column++) {
      columns[column] = batch.column(column) instanceof StringVector strings ? dictionaryEncoded(strings) : batch.column(column);
    }
    return new Batch(columns, batch.rowCount());
  }

  /** Spark's string order as an independent reference: code point by code point (what UTF-8 byte order is). */
  public static int compareCodePoints(String left, String right) {
    int[] a = left.codePoints().toArray();
    int[] b = right.codePoints().toArray();
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] != b[i]) {
        return Integer.compare(a[i], b[i]);
      }
    }
    return Integer.compare(a.length, b.length);
  }
}
