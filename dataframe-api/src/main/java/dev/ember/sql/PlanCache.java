package dev.ember.sql;

import dev.ember.catalyst.plan.CanonicalPlan;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.plan.PhysicalPlan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The physical plans of the queries a session planned last, so that a query written again (a new
 * DataFrame, the same plan up to the ids of the columns it computes: {@link CanonicalPlan}) is not
 * optimized and planned again: for a small query both cost more than running it. A plan is kept
 * for the session's {@link EmberSession.PlanningState planning state} it was made in (settings,
 * task slots, caches); when that state changes every kept plan is dropped, as none could be found
 * again. Planning an analyzed plan is a function of the plan and that state, so a plan found here
 * is the plan planning would make (up to ids), and {@code explain} still optimizes on demand.
 *
 * <p>Bounded: at most {@code maxEntries} plans, least recently used first out, and none carrying
 * more than {@link #MAX_LOCAL_ROWS} rows of local tables (a plan keeps its data alive: the cache must
 * not keep a large {@code createDataFrame} from being collected). Thread-safe: every method holds
 * the cache's monitor, and finding and keeping are a map lookup each; planning happens outside.
 */
final class PlanCache {
  /** Rows of local tables a kept plan may carry: a few thousand rows are kilobytes. */
  static final long MAX_LOCAL_ROWS = 10_000;

  private final int maxEntries;
  private final Map<LogicalPlan, PhysicalPlan> plans;
  /** The state every kept plan was made in; null while none is kept. */
  private EmberSession.PlanningState state;
  private long hits;

  /** @param maxEntries at least 1 (a session without the cache has none) */
  PlanCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("a plan cache keeps at least one plan, got " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.plans = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<LogicalPlan, PhysicalPlan> eldest) {
        return size() > PlanCache.this.maxEntries;
      }
    };
  }

  /** The plan kept for {@code key} in {@code current}, or null. */
  synchronized PhysicalPlan find(CanonicalPlan key, EmberSession.PlanningState current) {
    PhysicalPlan found = current.equals(state) ? plans.get(key.plan()) : null;
    if (found != null) {
      hits++;
    }
    return found;
  }

  /** Keeps {@code physical}, planned for {@code key} in {@code plannedIn}, unless it carries too much local data. */
  synchronized void keep(CanonicalPlan key, EmberSession.PlanningState plannedIn, PhysicalPlan physical) {
    if (key.localRows() > MAX_LOCAL_ROWS) {
      return;
    }
    if (!plannedIn.equals(state)) {
      plans.clear(); // made in another state: none can be found again
      state = plannedIn;
    }
    plans.put(key.plan(), physical);
  }

  synchronized int size() {
    return plans.size();
  }

  /** Lookups that found a plan (for tests). */
  synchronized long hits() {
    return hits;
  }
}
