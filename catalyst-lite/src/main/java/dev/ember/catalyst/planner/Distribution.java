package dev.ember.catalyst.planner;

import dev.ember.core.expression.Alias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a planned subtree's rows are spread over its partitions, in terms of its logical
 * attributes, so the planner can leave out an exchange whose distribution the input already has.
 */
sealed interface Distribution {

  /** One partition: every clustering holds. */
  record Single() implements Distribution {}

  /**
   * Rows were placed by the exchange's hash of a key list into {@code partitionCount} partitions,
   * and each of {@code keySets} (canonical: attributes stripped to type and id) computes those same
   * hash values on every row: after an inner join on {@code a = b}, hashing {@code a} or {@code b}
   * gives the same partition. Rows with equal keys of any one set are in one partition.
   */
  record Hashed(List<List<Expression>> keySets, int partitionCount) implements Distribution {
    public Hashed {
      // A loop, not a stream: the planner runs on every action, mostly interpreted in a young JVM.
      List<List<Expression>> copies = new ArrayList<>(keySets.size());
      boolean anyEmpty = false;
      for (List<Expression> keys : keySets) {
        copies.add(List.copyOf(keys));
        anyEmpty |= keys.isEmpty();
      }
      keySets = Collections.unmodifiableList(copies);
      if (keySets.isEmpty() || anyEmpty) {
        throw new IllegalArgumentException("a hash distribution needs non-empty key sets: " + keySets);
      }
    }
  }

  /** Nothing known. */
  record Unknown() implements Distribution {}

  Distribution SINGLE = new Single();
  Distribution UNKNOWN = new Unknown();

  static Distribution hashed(List<Expression> keys, int partitionCount) {
    return new Hashed(List.of(canonical(keys)), partitionCount);
  }

  /** Hashed by any of these key lists (equal hashes row by row); duplicates are dropped. */
  static Distribution hashedByAny(List<List<Expression>> keySets, int partitionCount) {
    Set<List<Expression>> canonical = new LinkedHashSet<>();
    keySets.forEach(keys -> canonical.add(canonical(keys)));
    return new Hashed(new ArrayList<>(canonical), partitionCount);
  }

  /** Whether rows are hash-partitioned by exactly these keys, in this order, into this many partitions. */
  default boolean isHashedBy(List<Expression> keys, int partitionCount) {
    return switch (this) {
      case Single single -> partitionCount == 1;
      case Hashed hashed -> hashed.partitionCount() == partitionCount && hashed.keySets().contains(canonical(keys));
      case Unknown unknown -> false;
    };
  }

  /** The distribution above an operator that outputs only {@code output}: a hash on a dropped column is lost. */
  default Distribution keptBy(List<AttributeReference> output) {
    Set<Long> ids = new HashSet<>();
    output.forEach(attribute -> ids.add(attribute.id()));
    return mapped(attribute -> ids.contains(attribute.id()) ? List.of(attribute) : List.of());
  }

  /**
   * The distribution above a projection: keys over passed-through attributes stay, and a key
   * column the projection renames ({@code k AS key}) is also known by its new attribute; a key set
   * with a column the projection drops is lost.
   */
  default Distribution projectedThrough(List<Expression> projectList) {
    Map<Long, List<AttributeReference>> names = new HashMap<>();
    for (Expression expression : projectList) {
      if (expression instanceof AttributeReference attribute) {
        names.computeIfAbsent(attribute.id(), id -> new ArrayList<>()).add(attribute);
      } else if (expression instanceof Alias alias && alias.child() instanceof AttributeReference attribute) {
        names.computeIfAbsent(attribute.id(), id -> new ArrayList<>()).add(alias.toAttribute());
      }
    }
    return mapped(attribute -> names.getOrDefault(attribute.id(), List.of()));
  }

  /**
   * Rewrites every key set with {@code names} (each attribute's names above an operator, none when
   * dropped): a key set over one name per attribute survives, once per combination of first and
   * last names (enough for a column kept and renamed once).
   */
  private Distribution mapped(java.util.function.Function<AttributeReference, List<AttributeReference>> names) {
    return switch (this) {
      case Single single -> this;
      case Unknown unknown -> this;
      case Hashed hashed -> {
        List<List<Expression>> keySets = new ArrayList<>();
        for (List<Expression> keys : hashed.keySets()) {
          for (boolean useLast : new boolean[] {false, true}) {
            List<Expression> rewritten = new ArrayList<>();
            boolean complete = true;
            for (Expression key : keys) {
              boolean[] missing = {false};
              Expression renamed = Expressions.transformUp(key, node -> {
                if (node instanceof AttributeReference attribute) {
                  List<AttributeReference> candidates = names.apply(attribute);
                  if (candidates.isEmpty()) {
                    missing[0] = true;
                    return node;
                  }
                  return candidates.get(useLast ? candidates.size() - 1 : 0);
                }
                return node;
              });
              complete &= !missing[0];
              rewritten.add(renamed);
            }
            if (complete) {
              keySets.add(rewritten);
            }
          }
        }
        yield keySets.isEmpty() ? UNKNOWN : hashedByAny(keySets, hashed.partitionCount());
      }
    };
  }

  /** Attributes reduced to type and id, so names, qualifiers and nullability do not matter for comparison. */
  static List<Expression> canonical(List<Expression> expressions) {
    List<Expression> canonical = new ArrayList<>(expressions.size());
    for (Expression expression : expressions) {
      canonical.add(canonical(expression));
    }
    return Collections.unmodifiableList(canonical);
  }

  static Expression canonical(Expression expression) {
    return Expressions.transformUp(expression, node -> node instanceof AttributeReference attribute
        ? new AttributeReference("", attribute.type(), false, attribute.id(), "")
        : node);
  }
}
