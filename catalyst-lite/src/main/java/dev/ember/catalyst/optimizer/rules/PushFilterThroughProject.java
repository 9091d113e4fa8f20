package dev.ember.catalyst.optimizer.rules;

import java.util.Set;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.rewrite.PlanRewrites;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.Expression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a filter below a projection, each alias it reads replaced by the expression it names, so
 * the rows are dropped before the projection computes anything:
 *
 * <pre>
 *   Filter c &gt; 5 AND a = 1             Project [a, b + 1 AS c]
 *     Project [a, b + 1 AS c]    =&gt;      Filter (b + 1) &gt; 5 AND a = 1
 *       Scan [a, b]                          Scan [a, b]
 * </pre>
 *
 * A conjunct that reads a non-deterministic alias stays above (below it would compute the alias a
 * second time, with another value), as do the conjuncts after the filter's first
 * non-deterministic one. So does one that reads an alias of a non-trivial expression (not an
 * attribute or a literal) more than once, as {@link CollapseProject} declines to merge then: below,
 * the expression would be computed once per reference, and through a chain of projections that each
 * read the one below twice ({@code a2 = a1 + a1}, {@code a3 = a2 + a2}, ...) the pushed condition
 * would double at every level (a random program of the equivalence test grew one past the heap).
 */
public final class PushFilterThroughProject implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Filter.class, Project.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Filter filter) || !(filter.child() instanceof Project project)) {
      return node;
    }
    FilterConjuncts conjuncts = FilterConjuncts.of(filter);
    Map<Long, Expression> aliases = new HashMap<>();
    Map<Long, Boolean> deterministic = new HashMap<>();
    for (Expression named : project.projectList()) {
      if (named instanceof Alias alias) {
        aliases.put(alias.id(), alias.child());
        deterministic.put(alias.id(), alias.child().deterministic());
      }
    }
    List<Expression> pushed = new ArrayList<>();
    List<Expression> stay = new ArrayList<>();
    for (Expression conjunct : conjuncts.movable()) {
      boolean readsNonDeterministicAlias = PlanRewrites.referenceIds(conjunct).stream()
          .anyMatch(id -> Boolean.FALSE.equals(deterministic.get(id)));
      if (readsNonDeterministicAlias || PlanRewrites.duplicatesWork(List.of(conjunct), aliases)) {
        stay.add(conjunct);
      } else {
        pushed.add(PlanRewrites.replaceAttributes(conjunct, aliases));
      }
    }
    if (pushed.isEmpty()) {
      return filter;
    }
    stay.addAll(conjuncts.fixed());
    return FilterConjuncts.withRemaining(
        new Project(project.projectList(), FilterConjuncts.below(pushed, project.child())), stay);
  }
}
