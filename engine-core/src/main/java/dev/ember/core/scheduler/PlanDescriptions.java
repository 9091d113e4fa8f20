package dev.ember.core.scheduler;

import dev.ember.core.plan.BroadcastReadExec;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.ShuffleReadExec;
import java.util.stream.Collectors;

/** One-line descriptions of stage plans for events: node names, with shuffle and broadcast ids on read leaves. */
final class PlanDescriptions {
  private PlanDescriptions() {}

  static String describe(PhysicalPlan plan) {
    String name = switch (plan) {
      case ShuffleReadExec read -> "ShuffleRead[shuffle " + read.shuffleId() + "]";
      case BroadcastReadExec read -> "BroadcastRead[broadcast " + read.broadcastId() + "]";
      default -> plan.getClass().getSimpleName().replaceFirst("Exec$", "");
    };
    if (plan.children().isEmpty()) {
      return name;
    }
    return name + plan.children().stream().map(PlanDescriptions::describe).collect(Collectors.joining(", ", "(", ")"));
  }
}
