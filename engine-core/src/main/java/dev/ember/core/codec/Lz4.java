package dev.ember.core.codec;

import java.util.Arrays;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The LZ4 and XXHash implementations, picked once. lz4-java's fastest one loads a JNI library, and
 * on JDK 24+ that prints a native-access warning on the embedding program's stderr unless it runs
 * with {@code --enable-native-access=ALL-UNNAMED}; an embedded library must not do that. So the
 * native code is used only where loading it is silent (JDK < 24, or native access enabled for
 * Ember's module) and a round trip through it works; otherwise the pure-Java safe implementation,
 * which needs neither native code nor {@code sun.misc.Unsafe}. {@link #describe()} says which was
 * picked (this package logs nothing: it may import only the JDK and lz4-java).
 */
public final class Lz4 {
  private static final LZ4Factory FACTORY = pickFactory();
  private static final XXHashFactory HASHES = pickHashes();

  private Lz4() {}

  static LZ4Factory factory() {
    return FACTORY;
  }

  static XXHashFactory hashes() {
    return HASHES;
  }

  private static LZ4Factory pickFactory() {
    if (!nativeLoadingIsSilent()) {
      return LZ4Factory.safeInstance();
    }
    try {
      LZ4Factory fastest = LZ4Factory.fastestInstance();
      byte[] sample = new byte[1024];
      for (int i = 0; i < sample.length; i++) {
        sample[i] = (byte) (i % 7);
      }
      LZ4Compressor compressor = fastest.fastCompressor();
      byte[] compressed = compressor.compress(sample);
      byte[] back = new byte[sample.length];
      fastest.safeDecompressor().decompress(compressed, 0, compressed.length, back, 0);
      if (Arrays.equals(sample, back)) {
        return fastest;
      }
    } catch (Throwable e) {
      // The native library is missing or broken here: the safe Java one below works everywhere.
    }
    return LZ4Factory.safeInstance();
  }

  /** Native when LZ4 runs natively (the library is loaded anyway), else the safe Java one (no Unsafe warnings). */
  private static XXHashFactory pickHashes() {
    if (FACTORY != LZ4Factory.safeInstance()) {
      try {
        XXHashFactory fastest = XXHashFactory.nativeInstance();
        byte[] sample = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        if (fastest.hash32().hash(sample, 0, sample.length, 7)
            == XXHashFactory.safeInstance().hash32().hash(sample, 0, sample.length, 7)) {
          return fastest;
        }
      } catch (Throwable e) {
        // Fall back to the safe Java hash, which gives the same values.
      }
    }
    return XXHashFactory.safeInstance();
  }

  /** JDK 24+ warns when a module without native access loads a library (JEP 472). */
  static boolean nativeLoadingIsSilent() {
    if (Runtime.version().feature() < 24) {
      return true;
    }
    try {
      // Module.isNativeAccessEnabled() exists from JDK 22; Ember compiles for 21, so reflect.
      Object enabled = Module.class.getMethod("isNativeAccessEnabled").invoke(Lz4.class.getModule());
      return Boolean.TRUE.equals(enabled);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** Which implementation was picked (for benchmarks and logs). */
  public static String describe() {
    return FACTORY + " / " + HASHES;
  }
}
