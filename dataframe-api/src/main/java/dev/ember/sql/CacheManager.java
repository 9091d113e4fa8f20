package dev.ember.sql;

import dev.ember.catalyst.plan.CachedRowCounts;
import dev.ember.catalyst.plan.InMemoryRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.PlanPartitions;
import dev.ember.core.scheduler.CachedBlockObserver;
import dev.ember.core.storage.StorageMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * A session's cached plans, as Spark's {@code CacheManager}: each persisted analyzed plan has a
 * cache id and an {@link InMemoryRelation}; later plans that contain the same analyzed sub-plan
 * (the persisted DataFrame and every DataFrame derived from it) read that relation instead.
 * Thread-safe.
 */
final class CacheManager implements CachedBlockObserver {
  private final List<InMemoryRelation> relations = new ArrayList<>();
  private int nextCacheId;
  /** Counts changes that can change a plan: a cache added or removed, a block's row count learned or lost. */
  private long version;

  /**
   * Registers {@code analyzed} under a fresh cache id unless it is cached already; {@code planner}
   * plans it (with the caches registered before) into the physical plan that computes missing blocks.
   */
  InMemoryRelation register(LogicalPlan analyzed, StorageMode mode, Function<LogicalPlan, PhysicalPlan> planner) {
    Objects.requireNonNull(analyzed, "analyzed is null");
    Objects.requireNonNull(mode, "mode is null");
    InMemoryRelation existing = lookup(analyzed);
    if (existing != null) {
      return existing;
    }
    // Planned outside the lock: planning may look caches up.
    PhysicalPlan physical = planner.apply(analyzed);
    synchronized (this) {
      InMemoryRelation raced = lookup(analyzed);
      if (raced != null) {
        return raced;
      }
      InMemoryRelation relation = new InMemoryRelation(analyzed.output(), nextCacheId++, mode, analyzed, physical,
          new CachedRowCounts(PlanPartitions.count(physical)));
      relations.add(relation);
      version++;
      return relation;
    }
  }

  /**
   * Notes that partition {@code partition} of cache {@code cacheId} holds {@code rows} rows (negative:
   * its block is gone), for the size estimates of later plans; a cache no longer registered is ignored.
   */
  @Override
  public synchronized void blockChanged(int cacheId, int partition, long rows) {
    for (InMemoryRelation relation : relations) {
      if (relation.cacheId() == cacheId) {
        if (relation.rowCounts().record(partition, rows)) {
          version++; // the size estimates of later plans moved
        }
        return;
      }
    }
  }

  /** Forgets {@code analyzed}'s cache; returns its id when it was cached. */
  synchronized OptionalInt remove(LogicalPlan analyzed) {
    InMemoryRelation relation = lookup(analyzed);
    if (relation == null) {
      return OptionalInt.empty();
    }
    relations.remove(relation);
    version++;
    return OptionalInt.of(relation.cacheId());
  }

  /** Raised by every change that can change how a plan is planned (see {@link EmberSession#planningState}). */
  synchronized long version() {
    return version;
  }

  /** The relation caching {@code plan}, null when it is not cached. */
  synchronized InMemoryRelation lookup(LogicalPlan plan) {
    for (InMemoryRelation relation : relations) {
      if (relation.cachedPlan() == plan || relation.cachedPlan().equals(plan)) {
        return relation;
      }
    }
    return null;
  }

  /** The cached relations now, in the order they were registered. */
  synchronized List<InMemoryRelation> relations() {
    return List.copyOf(relations);
  }

  synchronized boolean isEmpty() {
    return relations.isEmpty();
  }

  synchronized void clear() {
    if (!relations.isEmpty()) {
      relations.clear();
      version++;
    }
  }

  /** {@code plan} with every cached sub-plan (the largest first, top-down) replaced by its relation. */
  LogicalPlan useCachedData(LogicalPlan plan) {
    if (isEmpty()) {
      return plan;
    }
    InMemoryRelation relation = lookup(plan);
    if (relation != null) {
      return relation;
    }
    List<LogicalPlan> children = plan.children();
    List<LogicalPlan> replaced = new ArrayList<>(children.size());
    boolean changed = false;
    for (LogicalPlan child : children) {
      LogicalPlan rewritten = useCachedData(child);
      changed |= rewritten != child;
      replaced.add(rewritten);
    }
    return changed ? plan.withChildren(replaced) : plan;
  }
}
