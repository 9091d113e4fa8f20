package dev.ember.catalyst.optimizer.rules;

import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.rewrite.PlanRewrites;
import dev.ember.catalyst.plan.CsvRelation;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Makes a CSV scan read only the columns that the projection above it (and a filter between them)
 * use; the scan then parses only those fields of each record:
 *
 * <pre>
 *   Project [a]                          Project [a]
 *     Filter b &gt; 5              =&gt;        Filter b &gt; 5
 *       CsvRelation [a, b, c, d]             CsvRelation [a, b, c, d], columns=[a, b]
 *
 *   Project [a, c]                 =&gt;    CsvRelation [a, b, c, d], columns=[a, c]
 *     CsvRelation [a, b, c, d]
 * </pre>
 *
 * The columns of the scan's pushed filters stay required. A projection that just passes the
 * scan's columns through, in order, disappears (also when the scan was narrowed before). A scan keeps at least one column.
 */
public final class PushColumnsIntoScan implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Project.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Project project)) {
      return node;
    }
    if (project.child() instanceof CsvRelation csv) {
      CsvRelation narrowed = narrow(csv, PlanRewrites.referenceIds(project.projectList()));
      if (project.projectList().equals(new ArrayList<Expression>(narrowed.output()))) {
        return narrowed;
      }
      return narrowed == csv ? node : new Project(project.projectList(), narrowed);
    }
    if (project.child() instanceof Filter filter && filter.child() instanceof CsvRelation csv) {
      Set<Long> needed = PlanRewrites.referenceIds(project.projectList());
      needed.addAll(PlanRewrites.referenceIds(filter.condition()));
      CsvRelation narrowed = narrow(csv, needed);
      return narrowed == csv ? node : new Project(project.projectList(), new Filter(filter.condition(), narrowed));
    }
    return node;
  }

  /** The scan reading only the needed columns and those of its pushed filters, or the scan itself. */
  private static CsvRelation narrow(CsvRelation csv, Set<Long> needed) {
    needed.addAll(PlanRewrites.referenceIds(csv.pushedFilters()));
    List<Integer> required = new ArrayList<>();
    List<AttributeReference> data = csv.dataColumns();
    for (int column : csv.requiredColumns()) {
      if (needed.contains(data.get(column).id())) {
        required.add(column);
      }
    }
    if (required.isEmpty() && !csv.requiredColumns().isEmpty()) {
      required.add(csv.requiredColumns().get(0));
    }
    return required.size() == csv.requiredColumns().size() ? csv : csv.withRequiredColumns(required);
  }
}
