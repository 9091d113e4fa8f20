package dev.ember.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigEntriesTest {
  @Test
  void unknownEmberKeyListsCloseMatches() {
    assertThatThrownBy(() -> ConfigEntries.validate("ember.sql.shuffle.partition", "4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Unknown configuration key 'ember.sql.shuffle.partition'. Did you mean"
            + " ember.sql.shuffle.partitions?");
    assertThatThrownBy(() -> ConfigEntries.validate("ember.shuffle.partitions", "4"))
        .hasMessageContaining("Did you mean ember.sql.shuffle.partitions");
    assertThatThrownBy(() -> ConfigEntries.validate("ember.task.maxfailure", "4"))
        .hasMessageContaining("Did you mean ember.task.maxFailures?");
  }

  @Test
  void farKeysHaveNoMatchButListTheKnownKeys() {
    assertThatThrownBy(() -> ConfigEntries.validate("ember.completely.different.thing", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("There is no close match.")
        .hasMessageContaining("Known ember.* keys: ember.sql.shuffle.partitions,");
  }

  @Test
  void sparkKeysThatDoNothingAreListedOnceAndAliasesAreNot() {
    assertThat(ConfigEntries.ignoredSparkKeysWarning(java.util.List.of("spark.b.thing", "ember.local.dir",
        "spark.sql.shuffle.partitions", "spark.a.thing", "my.key")))
        .startsWith("Ember ignores these Spark settings (they have no meaning in Ember): spark.a.thing, spark.b.thing.")
        .contains("Spark settings Ember honors: spark.authenticate.secret,")
        .contains(" spark.driver.memory, spark.driver.port, spark.eventLog.dir, spark.eventLog.enabled, spark.executor.memory,");
    assertThat(ConfigEntries.ignoredSparkKeysWarning(java.util.List.of("spark.local.dir", "ember.local.dir"))).isNull();
    assertThat(ConfigEntries.SPARK_ALIASES.values()).allMatch(ConfigEntries::isKnown);
  }

  @Test
  void staticConflictsNameTheKeyTheRequestedAndTheRunningValue() {
    java.util.Map<String, String> running = java.util.Map.of(
        "ember.executor.memory", "1g", "ember.local.dir", "/tmp", "ember.task.maxFailures", "4");
    assertThat(ConfigEntries.staticSettingConflicts(running, java.util.Map.of(
        "ember.executor.memory", "4g", "ember.local.dir", "/tmp", "ember.sql.shuffle.partitions", "3")))
        .containsExactly("ember.executor.memory=4g is ignored: the running session keeps ember.executor.memory=1g");
  }

  @Test
  void otherKeysAreAccepted() {
    ConfigEntries.validate("spark.some.setting", "whatever");
    ConfigEntries.validate("my.own.key", "x");
  }

  @Test
  void valuesAreChecked() {
    ConfigEntries.validate("ember.sql.shuffle.partitions", "8");
    assertThatThrownBy(() -> ConfigEntries.validate("ember.sql.shuffle.partitions", "0"))
        .hasMessage("ember.sql.shuffle.partitions must be positive, but was 0");
    assertThatThrownBy(() -> ConfigEntries.validate("ember.sql.shuffle.partitions", "many"))
        .hasMessage("ember.sql.shuffle.partitions should be int, but was 'many'");
    assertThatThrownBy(() -> ConfigEntries.validate("ember.shuffle.compress", "yes"))
        .hasMessageContaining("should be boolean");
    ConfigEntries.validate("ember.sql.autoBroadcastJoinThreshold", "-1");
    ConfigEntries.validate("ember.sql.autoBroadcastJoinThreshold", "10MB");
    assertThatThrownBy(() -> ConfigEntries.validate("ember.sql.autoBroadcastJoinThreshold", "10 parsecs"))
        .hasMessageContaining("ember.sql.autoBroadcastJoinThreshold should be a size");
    ConfigEntries.validate("ember.executor.memory", "2g");
    assertThatThrownBy(() -> ConfigEntries.validate("ember.executor.memory", "-1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConfigEntries.validate("ember.local.dir", " "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void byteSizes() {
    assertThat(ConfigEntries.byteSize("k", "10485760", true)).isEqualTo(10485760L);
    assertThat(ConfigEntries.byteSize("k", "10m", true)).isEqualTo(10L << 20);
    assertThat(ConfigEntries.byteSize("k", "1g", false)).isEqualTo(1L << 30);
    assertThat(ConfigEntries.byteSize("k", "512", false)).isEqualTo(512L << 20);
    assertThat(ConfigEntries.byteSize("k", "-1", true)).isEqualTo(-1L);
  }

  @Test
  void clusterKeysAreCheckedInSparksUnits() {
    ConfigEntries.validate("ember.network.timeout", "90s");
    ConfigEntries.validate("ember.executor.heartbeatInterval", "500ms");
    ConfigEntries.validate("ember.rpc.message.maxSize", "64");
    assertThatThrownBy(() -> ConfigEntries.validate("ember.network.timeout", "soon"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ember.network.timeout");
    assertThatThrownBy(() -> ConfigEntries.validate("ember.executor.heartbeatInterval", "0s"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ember.executor.heartbeatInterval");
    assertThatThrownBy(() -> ConfigEntries.validate("ember.rpc.message.maxSize", "4g"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ember.rpc.message.maxSize");
    assertThat(ConfigEntries.isStatic("ember.network.timeout")).isTrue();
    assertThat(ConfigEntries.defaults(1)).containsEntry("ember.network.timeout", "120s")
        .containsEntry("ember.executor.heartbeatInterval", "10s").containsEntry("ember.rpc.message.maxSize", "128m");
  }

  @Test
  void defaults() {
    assertThat(ConfigEntries.defaults(6))
        .containsEntry("ember.sql.shuffle.partitions", "6")
        .containsEntry("ember.sql.autoBroadcastJoinThreshold", "10485760")
        .containsEntry("ember.task.maxFailures", "4")
        .containsEntry("ember.shuffle.compress", "true")
        .containsEntry("ember.executor.memory", (Runtime.getRuntime().maxMemory() >> 20) + "m")
        .containsEntry("ember.sql.optimizer.excludedRules", "")
        .containsEntry("ember.local.dir", System.getProperty("java.io.tmpdir"))
        .hasSize(ConfigEntries.KNOWN_KEYS.size() - ConfigEntries.KEYS_WITHOUT_DEFAULT.size());
    assertThat(ConfigEntries.defaults(6)).doesNotContainKeys(ConfigEntries.KEYS_WITHOUT_DEFAULT.toArray(String[]::new));
  }


  @Test
  void secretsAreRedactedInConflictWarningsAndSparkNamesAlias() {
    assertThat(ConfigEntries.canonical("spark.authenticate.secret")).isEqualTo("ember.authenticate.secret");
    assertThat(ConfigEntries.canonical("spark.ssl.keyStorePassword")).isEqualTo("ember.ssl.keyStorePassword");
    assertThat(ConfigEntries.canonical("spark.driver.host")).isEqualTo("ember.driver.host");
    assertThat(ConfigEntries.isSensitive("spark.ssl.trustStorePassword")).isTrue();
    assertThat(ConfigEntries.isSensitive("ember.ssl.keyStore")).isFalse();
    List<String> conflicts = ConfigEntries.staticSettingConflicts(Map.of("ember.authenticate.secret", "running-secret"),
        Map.of("ember.authenticate.secret", "requested-secret"));
    assertThat(conflicts).hasSize(1);
    assertThat(conflicts.get(0)).contains("ember.authenticate.secret").doesNotContain("running-secret")
        .doesNotContain("requested-secret");
  }

  @Test
  void clusterKeysAreCheckedWithoutEchoingSecrets() {
    assertThatThrownBy(() -> ConfigEntries.validate("ember.authenticate.secret", ""))
        .hasMessageContaining("ember.authenticate.secret");
    assertThatThrownBy(() -> ConfigEntries.validate("ember.ssl.enabled", "yes")).hasMessageContaining("ember.ssl.enabled");
    assertThatThrownBy(() -> ConfigEntries.validate("spark.driver.port", "70000")).hasMessageContaining("ember.driver.port");
    assertThatThrownBy(() -> ConfigEntries.validate("ember.driver.host", " ")).hasMessageContaining("ember.driver.host");
    ConfigEntries.validate("ember.ssl.keyStorePassword", "anything");
    ConfigEntries.validate("ember.driver.port", "7078");
  }
}
