package dev.ember.catalyst.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OptimizerSettingsTest {
  @Test
  void sparkRuleNamesMeanTheirEmberRules() {
    OptimizerSettings settings = new OptimizerSettings(true,
        Set.of("ConstantFolding", "org.apache.spark.sql.catalyst.optimizer.ColumnPruning", " PushDownPredicates "));

    assertThat(settings.excludedRules()).containsExactlyInAnyOrder("FoldConstants", "PruneColumns", "PushDownPredicates");
    assertThat(new Optimizer(settings).ruleNames()).containsAll(settings.excludedRules());
  }

  @Test
  void unknownNamesAreStillRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> new Optimizer(new OptimizerSettings(true, Set.of("FoldConstant"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FoldConstant")
        .hasMessageContaining("FoldConstants");
  }
}
