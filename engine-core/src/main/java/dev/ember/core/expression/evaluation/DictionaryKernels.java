package dev.ember.core.expression.evaluation;

import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.StringVector;
import java.util.function.Function;

/**
 * Runs a per-row string kernel once per dictionary entry instead of once per row: the kernel's
 * result over the dictionary is gathered by the rows' ids (a string result keeps the ids and becomes
 * the new dictionary). Only where a null input row gives a null output row, which every caller's
 * kernel does.
 */
final class DictionaryKernels {
  private DictionaryKernels() {}

  /** Whether {@code input} is a dictionary column small enough that entries are cheaper than rows. */
  static boolean worthIt(StringVector input, int rowCount) {
    return input.isDictionary() && input.dictionary().size() <= rowCount;
  }

  /** {@code kernel} applied to the dictionary's entries, then spread to the rows. */
  static ColumnVector throughDictionary(StringVector input, int rowCount, Function<StringVector, ColumnVector> kernel) {
    StringVector dictionary = input.dictionary();
    ColumnVector perEntry = kernel.apply(dictionary);
    int[] ids = input.ids();
    boolean[] nulls = input.nulls;
    if (perEntry instanceof StringVector strings && !strings.mayHaveNulls()) {
      return StringVector.dictionaryEncoded(strings.type(), ids, strings, nulls, rowCount);
    }
    int[] positions = new int[rowCount];
    for (int i = 0; i < rowCount; i++) {
      positions[i] = nulls != null && nulls[i] ? -1 : ids[i];
    }
    return perEntry.gather(positions, rowCount);
  }
}
