package dev.ember.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {
  @Test
  void engineCorePackagesFormNoCycle() {
    PackageCycles.assertNoCycles(Path.of("target/classes"), "dev.ember.");
  }

  @Test
  void engineCoreGraphIsReadFromTheCompiledClasses() {
    Map<String, Set<String>> dependencies = PackageCycles.packageDependencies(Path.of("target/classes"), "dev.ember.");

    // A known import proves jdeps ran and its output was parsed (an empty graph would pass the cycle check vacuously).
    assertThat(dependencies.get("dev.ember.core.scheduler")).contains("dev.ember.core.task", "dev.ember.core.plan");
    assertThat(dependencies.get("dev.ember.core.vector")).doesNotContain("dev.ember.core.serialization");
  }

  @Test
  void layeredGraphHasNoCycle() {
    Map<String, Set<String>> dependencies = Map.of(
        "app.task", Set.of("app.operator", "app.plan"),
        "app.operator", Set.of("app.plan"),
        "app.plan", Set.of("app.types"));

    assertThat(PackageCycles.cycles(dependencies)).isEmpty();
    PackageCycles.assertNoCycles(dependencies);
  }

  @Test
  void findsEachCycleOnceWithOnlyItsMembers() {
    Map<String, Set<String>> dependencies = Map.of(
        "app.memory", Set.of("app.task"),
        "app.task", Set.of("app.operator"),
        "app.operator", Set.of("app.memory", "app.types"),
        "app.scheduler", Set.of("app.task"),
        "app.left", Set.of("app.right"),
        "app.right", Set.of("app.left"));

    assertThat(PackageCycles.cycles(dependencies)).containsExactly(
        List.of("app.left", "app.right"), List.of("app.memory", "app.operator", "app.task"));
  }

  @Test
  void packageAndSubpackageImportingEachOtherIsACycle() {
    Map<String, Set<String>> dependencies = Map.of(
        "app.optimizer", Set.of("app.optimizer.rules"),
        "app.optimizer.rules", Set.of("app.optimizer"));

    assertThat(PackageCycles.cycles(dependencies)).containsExactly(List.of("app.optimizer", "app.optimizer.rules"));
  }

  @Test
  void failureNamesTheCycleAndTheImportsInsideIt() {
    Map<String, Set<String>> dependencies = Map.of(
        "app.memory", Set.of("app.task", "app.types"),
        "app.task", Set.of("app.memory"));

    assertThatThrownBy(() -> PackageCycles.assertNoCycles(dependencies))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("1 package cycle(s)")
        .hasMessageContaining("cycle: app.memory <-> app.task")
        .hasMessageContaining("app.memory -> app.task")
        .hasMessageContaining("app.task -> app.memory")
        .hasMessageNotContaining("app.types");
  }

  @Test
  void parsesJdepsPackageLinesKeepingOnlyEdgesBetweenPrefixedPackages() {
    String output = """
        classes -> java.base
           app.plan                                           -> app.types                                          classes
           app.plan                                           -> java.util                                          java.base
           app.plan                                           -> app.plan                                           classes
           app.types                                          -> java.lang                                          java.base
        """;

    assertThat(PackageCycles.parseJdepsOutput(output, "app."))
        .isEqualTo(Map.of("app.plan", Set.of("app.types"), "app.types", Set.of()));
  }
}
