package dev.ember.catalyst.analysis;

import dev.ember.catalyst.plan.LogicalPlan;
import java.util.List;
import java.util.Optional;

/** The tables and views a SQL query may name: the session's temporary views. */
public interface RelationLookup {

  /** The analyzed plan of the relation of this name (case-insensitive), if there is one. */
  Optional<LogicalPlan> find(String name);

  /** All names, for the "did you mean" list of an unknown relation. */
  List<String> names();
}
