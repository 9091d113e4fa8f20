package dev.ember.catalyst.analysis;

import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Spark's resolution of columns a projection dropped, for filter and sort: when a name is not in
 * the child's output but the child is a projection whose own input has it, the projection is
 * widened to carry that column, the operator goes on top, and a projection above restores the
 * original columns.
 *
 * <pre>
 *   select(a).orderBy(b)   Project [a]                 Project [a]
 *                            Sort [b]          ==>       Sort [b]
 *                              Project [a]                 Project [a, b]
 * </pre>
 */
final class MissingColumns {
  private MissingColumns() {}

  static LogicalPlan resolve(UserFunctionRegistry functions, LogicalPlan child, String operator, Function<ExpressionResolver, List<Expression>> resolve,
      BiFunction<List<Expression>, LogicalPlan, LogicalPlan> build) {
    try {
      return build.apply(resolve.apply(new ExpressionResolver(functions, child.output(), operator)), child);
    } catch (AnalysisFailure failure) {
      if (!(child instanceof Project project) || !failure.getMessage().startsWith("[UNRESOLVED_COLUMN")) {
        throw failure;
      }
      Set<Long> visible = new HashSet<>();
      project.output().forEach(attribute -> visible.add(attribute.id()));
      List<AttributeReference> extended = new ArrayList<>(project.output());
      for (AttributeReference attribute : project.child().output()) {
        if (visible.add(attribute.id())) {
          extended.add(attribute);
        }
      }
      List<Expression> resolved;
      try {
        resolved = resolve.apply(new ExpressionResolver(functions, extended, operator));
      } catch (AnalysisFailure second) {
        throw failure;
      }
      Set<Long> projected = new HashSet<>();
      project.output().forEach(attribute -> projected.add(attribute.id()));
      Map<Long, AttributeReference> missing = new LinkedHashMap<>();
      for (Expression expression : resolved) {
        for (AttributeReference reference : Expressions.references(expression)) {
          if (!projected.contains(reference.id())) {
            missing.putIfAbsent(reference.id(), reference);
          }
        }
      }
      List<Expression> widenedList = new ArrayList<>(project.projectList());
      widenedList.addAll(missing.values());
      LogicalPlan operatorPlan = build.apply(resolved, new Project(widenedList, project.child()));
      return new Project(new ArrayList<>(project.output()), operatorPlan);
    }
  }
}
