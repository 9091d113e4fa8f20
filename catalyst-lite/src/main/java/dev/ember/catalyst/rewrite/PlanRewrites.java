package dev.ember.catalyst.rewrite;

import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.expression.Literal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expression and attribute helpers shared by the pushdown, pruning and inference rules. Attributes
 * are compared by id only: the same column may carry another qualifier or nullability above a
 * subquery alias or an outer join.
 */
public final class PlanRewrites {
  private PlanRewrites() {}

  /** The ids of the attributes, in order. */
  public static Set<Long> ids(List<AttributeReference> attributes) {
    Set<Long> ids = new LinkedHashSet<>();
    for (AttributeReference attribute : attributes) {
      ids.add(attribute.id());
    }
    return ids;
  }

  /** The ids of the attributes an expression reads, in the order they are first read. */
  public static Set<Long> referenceIds(Expression expression) {
    Set<Long> ids = new LinkedHashSet<>();
    addReferenceIds(expression, ids);
    return ids;
  }

  /**
   * Whether substituting {@code definitions} (attribute id to the expression it names) into {@code
   * expressions} would compute a non-trivial definition (not an attribute or a literal) more than
   * once a row: the expressions read its attribute twice or more. Spark's rule for collapsing
   * projections, which pushing a filter through one follows too.
   */
  public static boolean duplicatesWork(List<? extends Expression> expressions, Map<Long, ? extends Expression> definitions) {
    Map<Long, Integer> uses = new HashMap<>();
    for (Expression expression : expressions) {
      countUses(expression, uses);
    }
    for (Map.Entry<Long, Integer> use : uses.entrySet()) {
      Expression definition = definitions.get(use.getKey());
      if (definition != null && use.getValue() > 1
          && !(definition instanceof AttributeReference) && !(definition instanceof Literal)) {
        return true;
      }
    }
    return false;
  }

  private static void countUses(Expression expression, Map<Long, Integer> uses) {
    if (expression instanceof AttributeReference attribute) {
      uses.merge(attribute.id(), 1, Integer::sum);
    }
    for (Expression child : expression.children()) {
      countUses(child, uses);
    }
  }

  /** The ids of the attributes a list of expressions reads. */
  public static Set<Long> referenceIds(List<? extends Expression> expressions) {
    Set<Long> ids = new LinkedHashSet<>();
    for (Expression expression : expressions) {
      addReferenceIds(expression, ids);
    }
    return ids;
  }

  /**
   * Walks the tree for ids directly: collecting the attributes first (as {@link Expressions#references}
   * does) would hash every attribute's name, type and qualifier, and rules ask this of every conjunct.
   */
  private static void addReferenceIds(Expression expression, Set<Long> into) {
    if (expression instanceof AttributeReference attribute) {
      into.add(attribute.id());
    }
    for (Expression child : expression.children()) {
      addReferenceIds(child, into);
    }
  }

  /** Whether every attribute the expression reads is one of {@code ids} (true when it reads none). */
  public static boolean readsOnly(Expression expression, Set<Long> ids) {
    // Stops at the first attribute outside, without building the expression's set of ids.
    if (expression instanceof AttributeReference attribute && !ids.contains(attribute.id())) {
      return false;
    }
    for (Expression child : expression.children()) {
      if (!readsOnly(child, ids)) {
        return false;
      }
    }
    return true;
  }

  /** The expression with each attribute whose id is a key replaced by the mapped expression. */
  public static Expression replaceAttributes(Expression expression, Map<Long, ? extends Expression> replacements) {
    if (replacements.isEmpty()) {
      return expression;
    }
    return Expressions.transformUp(expression, node -> {
      if (node instanceof AttributeReference attribute) {
        Expression replacement = replacements.get(attribute.id());
        return replacement == null ? node : replacement;
      }
      return node;
    });
  }

  /** Attribute id to attribute, mapping each of {@code from} to the attribute at the same position of {@code to}. */
  public static Map<Long, Expression> byPosition(List<AttributeReference> from, List<AttributeReference> to) {
    Map<Long, Expression> mapping = new HashMap<>();
    for (int i = 0; i < from.size(); i++) {
      mapping.put(from.get(i).id(), to.get(i));
    }
    return mapping;
  }

  /**
   * The expression with every attribute reduced to its id and type (no name, qualifier or
   * nullability), so that two spellings of one predicate compare equal.
   */
  public static Expression canonical(Expression expression) {
    // An attribute already in canonical form stays the same instance, so that canonicalizing a
    // canonical form (constraint keys are canonicalized again and again) rebuilds nothing.
    return Expressions.transformUp(expression, node -> node instanceof AttributeReference attribute
        && !(attribute.name().isEmpty() && attribute.qualifier().isEmpty() && !attribute.nullable())
        ? new AttributeReference("", attribute.type(), false, attribute.id(), "")
        : node);
  }

  /** The conjuncts as one condition, or null when there are none. */
  public static Expression conjunctionOrNull(List<Expression> conjuncts) {
    return conjuncts.isEmpty() ? null : Expressions.and(conjuncts);
  }

  /** The conjuncts of a condition that may be null (none). */
  public static List<Expression> conjunctsOf(Expression condition) {
    return condition == null ? List.of() : Expressions.conjuncts(condition);
  }

  /**
   * The conjuncts that may move: the deterministic ones before the first non-deterministic one
   * (moving a conjunct past a non-deterministic one would change how often that one runs).
   */
  public static List<List<Expression>> splitMovable(List<Expression> conjuncts) {
    List<Expression> movable = new ArrayList<>();
    List<Expression> fixed = new ArrayList<>();
    for (Expression conjunct : conjuncts) {
      if (fixed.isEmpty() && conjunct.deterministic()) {
        movable.add(conjunct);
      } else {
        fixed.add(conjunct);
      }
    }
    return List.of(movable, fixed);
  }

  /** {@code plan}'s attributes whose ids are in {@code ids}, in output order. */
  public static List<Expression> attributesIn(LogicalPlan plan, Set<Long> ids) {
    List<Expression> kept = new ArrayList<>();
    for (AttributeReference attribute : plan.output()) {
      if (ids.contains(attribute.id())) {
        kept.add(attribute);
      }
    }
    return kept;
  }
}
