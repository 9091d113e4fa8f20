package dev.ember.core.codec;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;

/**
 * Ember's one columnar byte layout for batches, little-endian, no per-row objects:
 *
 * <pre>
 *   batch    := magic:int version:byte rowCount:int columnCount:int header[columnCount] column[columnCount]
 *   header   := kind:byte flags:byte [precision:byte scale:byte  when kind is DECIMAL]
 *   flags    := bit 0 HAS_NULLS; bit 1 DICTIONARY (STRING only); other bits must be 0
 *   column   := [nullBits when HAS_NULLS] values
 *   nullBits := bits[(rowCount + 7) / 8]   (bit i, LSB first, set: row i is null)
 *   values   := BOOLEAN: bits[(rowCount + 7) / 8]  (bit i set: true)
 *             | INT, DATE: int[rowCount]  | LONG, TIMESTAMP: long[rowCount]
 *             | DOUBLE: raw IEEE bits as long[rowCount]
 *             | STRING: offsets:int[rowCount + 1] utf8:byte[offsets[rowCount]]
 *             | STRING with DICTIONARY: entryCount:int offsets:int[entryCount + 1]
 *                 utf8:byte[offsets[entryCount]] ids:int[rowCount]
 *             | DECIMAL, precision <= 18: unscaled long[rowCount]
 *             | DECIMAL, precision > 18: (low:long high:long)[rowCount], the unscaled value as a
 *               128-bit two's-complement integer (38 digits need 127 bits); a null row is 0
 * </pre>
 *
 * <p>Strings are Arrow's variable-width layout: {@code offsets[0] == 0}, row i's UTF-8 bytes are
 * {@code utf8[offsets[i], offsets[i + 1])}, a null row is empty; a plain
 * {@code StringVector} is written and read with two array copies. A dictionary column (version 2)
 * writes its distinct values once, in the same layout, then one id per row (0 for a null row).
 * Version 2 added the DICTIONARY flag and DECIMAL columns (DECIMAL carries its precision and
 * scale in the header); version 1 blocks are not read (they never outlive a job).
 *
 * <p>Room to grow: the per-column kind and flags come before any data, so a reader knows every
 * column's shape up front; a nested type or a new encoding gets a new flag bit or kind code and a
 * new {@link #VERSION}. Readers refuse versions they do
 * not know rather than guess.
 */
public final class ColumnarFormat {
  /** "EMBC" read as a little-endian int. */
  public static final int MAGIC = 0x43424D45;
  public static final byte VERSION = 2;
  /** magic, version, row count, column count. */
  public static final int FIXED_HEADER_BYTES = 4 + 1 + 4 + 4;

  static final int HAS_NULLS = 1;
  static final int DICTIONARY = 2;
  static final int KNOWN_FLAGS = HAS_NULLS | DICTIONARY;

  static final byte BOOLEAN = 1;
  static final byte INT = 2;
  static final byte LONG = 3;
  static final byte DOUBLE = 4;
  static final byte STRING = 5;
  static final byte DATE = 6;
  static final byte TIMESTAMP = 7;
  static final byte DECIMAL = 8;

  private ColumnarFormat() {}

  static byte kindCode(TypeKind kind) {
    return switch (kind) {
      case BOOLEAN -> BOOLEAN;
      case INT -> INT;
      case LONG -> LONG;
      case DOUBLE -> DOUBLE;
      case STRING -> STRING;
      case DATE -> DATE;
      case TIMESTAMP -> TIMESTAMP;
      case DECIMAL -> DECIMAL;
    };
  }

  /** The column type of a kind code; DECIMAL's precision and scale are read by the caller. */
  static TypeKind kindOf(byte code, int column) {
    return switch (code) {
      case BOOLEAN -> TypeKind.BOOLEAN;
      case INT -> TypeKind.INT;
      case LONG -> TypeKind.LONG;
      case DOUBLE -> TypeKind.DOUBLE;
      case STRING -> TypeKind.STRING;
      case DATE -> TypeKind.DATE;
      case TIMESTAMP -> TypeKind.TIMESTAMP;
      case DECIMAL -> TypeKind.DECIMAL;
      default -> throw new CorruptBlockException("column " + column + " has unknown type code " + code);
    };
  }

  static ColumnType simpleType(TypeKind kind) {
    return switch (kind) {
      case BOOLEAN -> ColumnType.BOOLEAN;
      case INT -> ColumnType.INT;
      case LONG -> ColumnType.LONG;
      case DOUBLE -> ColumnType.DOUBLE;
      case STRING -> ColumnType.STRING;
      case DATE -> ColumnType.DATE;
      case TIMESTAMP -> ColumnType.TIMESTAMP;
      case DECIMAL -> throw new IllegalArgumentException("DECIMAL needs a precision and a scale");
    };
  }
}
