package dev.ember.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.cluster.MasterUrl.Local;
import dev.ember.cluster.MasterUrl.LocalCluster;
import dev.ember.cluster.MasterUrl.Standalone;
import dev.ember.core.scheduler.DagScheduler;
import dev.ember.core.scheduler.JobRunner;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MasterUrlTest {
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  @Test
  void localForms() {
    assertThat(MasterUrl.parse("local")).isEqualTo(new Local(1, null));
    assertThat(MasterUrl.parse("local[1]")).isEqualTo(new Local(1, null));
    assertThat(MasterUrl.parse("local[12]")).isEqualTo(new Local(12, null));
    assertThat(MasterUrl.parse("local[*]")).isEqualTo(new Local(CORES, null));
    assertThat(MasterUrl.parse("local[4,3]")).isEqualTo(new Local(4, 3));
    assertThat(MasterUrl.parse("local[*,2]")).isEqualTo(new Local(CORES, 2));
    assertThat(((Local) MasterUrl.parse("local[2,1]")).attemptsOrNull()).isEqualTo(1);
  }

  @Test
  void localClusterForms() {
    assertThat(MasterUrl.parse("local-cluster[2,1,1g]")).isEqualTo(new LocalCluster(2, 1, 1L << 30));
    // A plain number is MiB, as in Spark's local-cluster[N, cores, memoryMB].
    assertThat(MasterUrl.parse("local-cluster[3, 2, 512]")).isEqualTo(new LocalCluster(3, 2, 512L << 20));
    assertThat(MasterUrl.parse("local-cluster[1,4,256m]")).isEqualTo(new LocalCluster(1, 4, 256L << 20));
  }

  @Test
  void standaloneForms() {
    assertThat(MasterUrl.parse("ember://host:7078")).isEqualTo(new Standalone("host", 7078));
    assertThat(MasterUrl.parse("ember://10.0.0.5")).isEqualTo(new Standalone("10.0.0.5", MasterUrl.DEFAULT_PORT));
    assertThat(MasterUrl.parse("ember://master.example.org:7077/"))
        .isEqualTo(new Standalone("master.example.org", 7077));
    Standalone ipv6 = (Standalone) MasterUrl.parse("ember://[::1]:9000");
    assertThat(ipv6).isEqualTo(new Standalone("::1", 9000));
    assertThat(ipv6.url()).isEqualTo("ember://[::1]:9000");
    assertThat(new Standalone("h", 7077).url()).isEqualTo("ember://h:7077");
  }

  @Test
  void zeroCountsAreRefusedNamingWhatIsMissing() {
    assertThatThrownBy(() -> MasterUrl.parse("local[0]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 thread").hasMessageContaining("local[N]");
    assertThatThrownBy(() -> MasterUrl.parse("local[2,0]")).hasMessageContaining("at least 1 task attempt");
    assertThatThrownBy(() -> MasterUrl.parse("local-cluster[0,1,1g]")).hasMessageContaining("at least 1 worker");
    assertThatThrownBy(() -> MasterUrl.parse("local-cluster[2,0,1g]")).hasMessageContaining("at least 1 core");
    assertThatThrownBy(() -> MasterUrl.parse("local-cluster[2,1,0]")).hasMessageContaining("must be positive")
        .hasMessageContaining("local-cluster[W,C,M]");
    assertThatThrownBy(() -> MasterUrl.parse("local-cluster[2,1,lots]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("local-cluster[W,C,M]");
    assertThatThrownBy(() -> MasterUrl.parse("ember://host:0")).hasMessageContaining("between 1 and 65535");
    assertThatThrownBy(() -> MasterUrl.parse("ember://host:70000")).hasMessageContaining("between 1 and 65535");
  }

  @Test
  void hugeCountsAreRefusedNotWrapped() {
    assertThatThrownBy(() -> MasterUrl.parse("local[99999999999]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too many threads");
    assertThatThrownBy(() -> MasterUrl.parse("local[3000000000]")).hasMessageContaining("too many threads");
    assertThatThrownBy(() -> MasterUrl.parse("local-cluster[2,1,99999999999999t]"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too large");
  }

  /**
   * The hand-written reader of {@code local[...]} accepts exactly the language of the regular
   * expression it replaced, with the same threads and attempts: random texts over the form's alphabet.
   */
  @Test
  void localFormsAreReadAsTheirRegularExpressionReadsThem() {
    Pattern local = Pattern.compile("local\\[([0-9]+|\\*)(?:,([0-9]+))?\\]");
    String alphabet = "0123456789*,[] -a";
    Random random = new Random(20261207);
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder("local[");
      int length = random.nextInt(7);
      for (int c = 0; c < length; c++) {
        text.append(alphabet.charAt(random.nextInt(random.nextBoolean() ? 10 : alphabet.length())));
      }
      if (random.nextInt(8) != 0) {
        text.append(']');
      }
      String master = text.toString();
      Matcher matcher = local.matcher(master);
      boolean inRange = matcher.matches() && fitsCount(matcher.group(1)) && (matcher.group(2) == null || fitsCount(matcher.group(2)));
      if (!inRange) {
        assertThatThrownBy(() -> MasterUrl.parse(master)).as(master).isInstanceOf(IllegalArgumentException.class);
        continue;
      }
      accepted++;
      int threads = matcher.group(1).equals("*") ? CORES : Integer.parseInt(matcher.group(1));
      Integer attempts = matcher.group(2) == null ? null : Integer.parseInt(matcher.group(2));
      assertThat(MasterUrl.parse(master)).as(master).isEqualTo(new Local(threads, attempts));
    }
    assertThat(accepted).isGreaterThan(1_000);
  }

  /** A count that {@code local[...]} accepts: 1 to Integer.MAX_VALUE. */
  private static boolean fitsCount(String digits) {
    if (digits.equals("*")) {
      return true;
    }
    return digits.length() <= 10 && Long.parseLong(digits) >= 1 && Long.parseLong(digits) <= Integer.MAX_VALUE;
  }

  @Test
  void anythingElseListsTheAcceptedForms() {
    for (String bad : new String[] {"yarn", "local[]", "local[-1]", "LOCAL", " local", "local[2", "spark://x:1",
        "local[1,2,3]", "local-cluster[2,1]", "ember://", "ember://host:port", "ember://a:1:2", "ember://h:1/path",
        "local-cluster[2,1,1g", "ember:/host:7077", "", "local[,2]", "local[2,]", "local[*,*]", "local[ 2]",
        "local[2 ]", "local[**]", "local[2]]", "local[[2]", "local[2,1,]", "local[\u0662]"}) {
      assertThatThrownBy(() -> MasterUrl.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Could not parse master URL: '" + bad + "'")
          .hasMessageContaining("local[N]").hasMessageContaining("local[*]").hasMessageContaining("local[N,F]")
          .hasMessageContaining("local-cluster[W,C,M]").hasMessageContaining("ember://host:port");
    }
    assertThatThrownBy(() -> MasterUrl.parse(null)).hasMessageContaining("master is null");
  }

  @Test
  void startReadsTheMasterAndTheSettings() {
    try (JobRunner runner = ExecutionEngines.start("local[3,2]", Map.of())) {
      assertThat(runner.defaultParallelism()).isEqualTo(3);
      assertThat(((DagScheduler) runner).settings().maxTaskFailures()).isEqualTo(2);
    }
    try (JobRunner runner = ExecutionEngines.start("local[2,3]", Map.of())) {
      assertThat(runner.defaultParallelism()).isEqualTo(2);
    }
    assertThatThrownBy(() -> ExecutionEngines.start("yarn", Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExecutionEngines.start("local", Map.of("ember.task.maxFailures", "x")))
        .hasMessageContaining("ember.task.maxFailures");
  }
}
