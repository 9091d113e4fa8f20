package dev.ember.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.architecture.PackageCycles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The codec sits just above vectors: whatever encodes batches must not pull in plans, memory or tasks. */
class CodecDependenciesTest {
  @Test
  void theCodecImportsOnlyTypesVectorsTheJdkAndLz4() {
    Map<String, Set<String>> dependencies = PackageCycles.packageDependencies(Path.of("target/classes"), "");
    Set<String> codec = dependencies.get("dev.ember.core.codec");
    assertThat(codec).as("jdeps saw the codec package").isNotNull().contains("dev.ember.core.vector");
    assertThat(codec).allMatch(target -> target.equals("dev.ember.core.types") || target.equals("dev.ember.core.vector")
        || target.startsWith("java.") || target.startsWith("net.jpountz."), "types, vector, java.* or net.jpountz.*");
  }
}
