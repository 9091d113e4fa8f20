package dev.ember.shuffle.format;

import dev.ember.core.types.ColumnType;

/**
 * The shuffle's columnar block layout, little-endian, no per-row objects:
 *
 * <pre>
 *   block   := magic:int rowCount:int columnCount:int typeCode:byte[columnCount] column[columnCount]
 *   column  := validity values
 *   validity:= 0 (no nulls) | 1 bits[(rowCount + 7) / 8]   (bit i set: row i is null)
 *   values  := BOOLEAN: bits[(rowCount + 7) / 8] | INT, DATE: int[rowCount]
 *            | LONG, TIMESTAMP: long[rowCount] | DOUBLE: raw long bits[rowCount]
 *            | STRING: length:int[rowCount] totalBytes:int utf8:byte[totalBytes]  (null rows: length 0)
 * </pre>
 *
 * A block travels inside a frame (see {@link FrameCodec}) that compresses and checksums it.
 */
public final class BlockFormat {
  static final int BLOCK_MAGIC = 0x454D4231; // "EMB1"
  static final byte NO_NULLS = 0;
  static final byte NULL_BITS = 1;

  private static final byte BOOLEAN = 1;
  private static final byte INT = 2;
  private static final byte LONG = 3;
  private static final byte DOUBLE = 4;
  private static final byte STRING = 5;
  private static final byte DATE = 6;
  private static final byte TIMESTAMP = 7;

  private BlockFormat() {}

  static byte typeCode(ColumnType type) {
    return switch (type.kind()) {
      case BOOLEAN -> BOOLEAN;
      case INT -> INT;
      case LONG -> LONG;
      case DOUBLE -> DOUBLE;
      case STRING -> STRING;
      case DATE -> DATE;
      case TIMESTAMP -> TIMESTAMP;
      case DECIMAL -> throw new IllegalArgumentException("the shuffle block format has no DECIMAL columns yet: " + type);
    };
  }

  static ColumnType typeOf(byte code, int column) {
    return switch (code) {
      case BOOLEAN -> ColumnType.BOOLEAN;
      case INT -> ColumnType.INT;
      case LONG -> ColumnType.LONG;
      case DOUBLE -> ColumnType.DOUBLE;
      case STRING -> ColumnType.STRING;
      case DATE -> ColumnType.DATE;
      case TIMESTAMP -> ColumnType.TIMESTAMP;
      default -> throw new CorruptBlockException("column " + column + " has unknown type code " + code);
    };
  }
}
