package dev.ember.sql.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden explain strings kept as files in {@code src/test/resources/explain/NAME.txt}, so that a
 * planner or optimizer change that moves them is one command away from new files to review:
 * {@code mvn -o -pl dataframe-api -am verify -Dember.updateGolden=true} rewrites every golden file
 * from the actual output (and passes); review the diff with git before committing.
 */
public final class GoldenFiles {
  /** Relative to the module directory, where surefire runs tests. */
  private static final Path DIRECTORY = Path.of("src", "test", "resources", "explain");

  private GoldenFiles() {}

  public static boolean updating() {
    return Boolean.getBoolean("ember.updateGolden");
  }

  public static void assertMatches(String name, String actual) {
    Path file = DIRECTORY.resolve(name + ".txt");
    try {
      if (updating()) {
        Files.createDirectories(DIRECTORY);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(file)) {
        fail("no golden file " + file.toAbsolutePath() + ": run the test with -Dember.updateGolden=true to write it,"
            + " then review it. Actual output:\n" + actual);
      }
      assertThat(actual).as("golden file " + file + " (regenerate with -Dember.updateGolden=true)")
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("golden file " + file + ": " + e.getMessage(), e);
    }
  }
}
