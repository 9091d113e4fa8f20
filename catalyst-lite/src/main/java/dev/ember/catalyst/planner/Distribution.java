package dev.ember.catalyst.planner;

import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a planned subtree's rows are spread over its partitions, in terms of its logical
 * attributes, so the planner can leave out an exchange whose distribution the input already has.
 */
sealed interface Distribution {

  /** One partition: every clustering holds. */
  record Single() implements Distribution {}

  /** Rows with equal {@code keys} (canonical: attributes stripped to type and id) are in one of {@code partitionCount} partitions, by the exchange's hash. */
  record Hashed(List<Expression> keys, int partitionCount) implements Distribution {
    public Hashed {
      keys = List.copyOf(keys);
    }
  }

  /** Nothing known. */
  record Unknown() implements Distribution {}

  Distribution SINGLE = new Single();
  Distribution UNKNOWN = new Unknown();

  static Distribution hashed(List<Expression> keys, int partitionCount) {
    return new Hashed(canonical(keys), partitionCount);
  }

  /** Whether rows are hash-partitioned by exactly these keys, in this order, into this many partitions. */
  default boolean isHashedBy(List<Expression> keys, int partitionCount) {
    return switch (this) {
      case Single single -> partitionCount == 1;
      case Hashed hashed -> hashed.partitionCount() == partitionCount && hashed.keys().equals(canonical(keys));
      case Unknown unknown -> false;
    };
  }

  /** The distribution above an operator that outputs only {@code output}: a hash on a dropped column is lost. */
  default Distribution keptBy(List<AttributeReference> output) {
    return switch (this) {
      case Single single -> this;
      case Unknown unknown -> this;
      case Hashed hashed -> {
        Set<Long> ids = new HashSet<>();
        output.forEach(attribute -> ids.add(attribute.id()));
        boolean kept = hashed.keys().stream()
            .allMatch(key -> Expressions.references(key).stream().allMatch(reference -> ids.contains(reference.id())));
        yield kept ? this : UNKNOWN;
      }
    };
  }

  /** Attributes reduced to type and id, so names, qualifiers and nullability do not matter for comparison. */
  static List<Expression> canonical(List<Expression> expressions) {
    return expressions.stream().map(Distribution::canonical).toList();
  }

  static Expression canonical(Expression expression) {
    return Expressions.transformUp(expression, node -> node instanceof AttributeReference attribute
        ? new AttributeReference("", attribute.type(), false, attribute.id(), "")
        : node);
  }
}
