package dev.ember.catalyst;

import dev.ember.core.architecture.PackageCycles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** This module's packages form a DAG: a new import that closes a loop fails here, naming the cycle. */
class PackageCyclesTest {
  @Test
  void packagesFormNoCycle() {
    PackageCycles.assertNoCycles(Path.of("target/classes"), "dev.ember.");
  }
}
