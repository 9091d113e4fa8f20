package dev.ember.sql;

import dev.ember.core.logging.LazyLogger;
import dev.ember.sql.internal.ConfigEntries;
import java.util.Collections;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session's configuration, as Spark's {@code RuntimeConfig}: the {@code ember.*} keys of
 * DESIGN.md with their defaults, plus any other key, which is stored and ignored. Spark's names of
 * Ember's settings (for example {@code spark.sql.shuffle.partitions}) are the same settings under
 * another name; other {@code spark.*} keys are stored and named in a warning once. An unknown
 * {@code ember.*} key is rejected with the close matches. Keys read when
 * the session starts ({@code ember.executor.memory}, {@code ember.task.maxFailures}, {@code
 * ember.local.dir}, {@code ember.shuffle.compress}) cannot be changed on a running session.
 * Thread-safe.
 */
public final class RuntimeConfig {
  private static final LazyLogger LOG = new LazyLogger(RuntimeConfig.class);
  private final Map<String, String> settings = new ConcurrentHashMap<>();
  private final Set<String> warnedKeys = ConcurrentHashMap.newKeySet();
  private final Map<String, String> defaults;
  /**
   * Counts changes to {@link #settings}, raised after each: what was derived from the settings (the
   * session's planner settings, its optimizer) is derived again only when it moved, not on every
   * query. A reader takes it before reading the values, so a change it races with makes the next
   * reader derive again rather than keep a stale value.
   */
  private final AtomicLong version = new AtomicLong();

  /** @param settings the explicitly set values, already validated, under their canonical keys */
  RuntimeConfig(Map<String, String> settings, Map<String, String> defaults) {
    this.settings.putAll(settings);
    // The session start warned about these already.
    for (String key : settings.keySet()) {
      if (ConfigEntries.isIgnoredSparkKey(key)) {
        warnedKeys.add(key);
      }
    }
    this.defaults = Map.copyOf(defaults);
  }

  /**
   * The value of {@code key}: the one set, else the default.
   *
   * @throws IllegalArgumentException for an unknown {@code ember.*} key
   * @throws NoSuchElementException for another key that is not set
   */
  public String get(String key) {
    checkKey(key);
    key = ConfigEntries.canonical(key);
    String value = settings.get(key);
    if (value == null) {
      value = defaults.get(key);
    }
    if (value == null) {
      throw new NoSuchElementException(key + " is not set");
    }
    return value;
  }

  /** The value set for {@code key}, or {@code defaultValue} when none is set. */
  public String get(String key, String defaultValue) {
    checkKey(key);
    return settings.getOrDefault(ConfigEntries.canonical(key), defaultValue);
  }

  /**
   * Sets a key.
   *
   * @throws IllegalArgumentException for an unknown {@code ember.*} key or a bad value
   * @throws AnalysisException for a key that is read only when the session starts
   */
  public void set(String key, String value) {
    Objects.requireNonNull(key, "key is null");
    ConfigEntries.validate(key, value);
    String canonical = ConfigEntries.canonical(key);
    if (ConfigEntries.isIgnoredSparkKey(canonical) && warnedKeys.add(canonical)) {
      LOG.get().warn("{}", ConfigEntries.ignoredSparkKeysWarning(Set.of(canonical)));
    }
    if (ConfigEntries.isStatic(canonical)) {
      String named = key.equals(canonical) ? key : key + " (Ember's " + canonical + ")";
      throw new AnalysisException(
          "Cannot modify the value of a static config: " + named + ". It is read when the session starts: set it with"
              + " EmberSession.builder().config(\"" + key + "\", ...) before getOrCreate().");
    }
    key = canonical;
    settings.put(key, Objects.requireNonNull(value, "value is null"));
    version.incrementAndGet();
  }

  public void set(String key, long value) {
    set(key, Long.toString(value));
  }

  public void set(String key, boolean value) {
    set(key, Boolean.toString(value));
  }

  /** Removes a set value: the key reads its default again. */
  public void unset(String key) {
    checkKey(key);
    key = ConfigEntries.canonical(key);
    if (ConfigEntries.isStatic(key)) {
      throw new AnalysisException("Cannot modify the value of a static config: " + key);
    }
    settings.remove(key);
    version.incrementAndGet();
  }

  /** Whether {@link #set} may change this key on a running session. */
  public boolean isModifiable(String key) {
    key = ConfigEntries.canonical(key);
    return !ConfigEntries.isEmberKey(key) || (ConfigEntries.isKnown(key) && !ConfigEntries.isStatic(key));
  }

  /** Every {@code ember.*} key with its current value, and every other key that was set; sorted by key. */
  public Map<String, String> getAll() {
    Map<String, String> all = new TreeMap<>(defaults);
    all.putAll(settings);
    return Collections.unmodifiableMap(all);
  }

  /** Raised by every change of a setting; equal readings mean equal settings. */
  long version() {
    return version.get();
  }

  /** The shuffle partition count the planner uses now. */
  int shufflePartitions() {
    return ConfigEntries.positiveInt(ConfigEntries.SHUFFLE_PARTITIONS, get(ConfigEntries.SHUFFLE_PARTITIONS));
  }

  /** Joins with a side estimated below this many bytes broadcast it; -1 turns that off. */
  long autoBroadcastJoinThreshold() {
    return ConfigEntries.byteSize(
        ConfigEntries.AUTO_BROADCAST_JOIN_THRESHOLD, get(ConfigEntries.AUTO_BROADCAST_JOIN_THRESHOLD), true);
  }

  /** Sets a key at getOrCreate on a running session; static keys are left alone (the caller warns). */
  boolean setIfModifiable(String key, String value) {
    ConfigEntries.validate(key, value);
    key = ConfigEntries.canonical(key);
    if (ConfigEntries.isStatic(key)) {
      return false;
    }
    settings.put(key, value);
    version.incrementAndGet();
    return true;
  }

  private static void checkKey(String key) {
    Objects.requireNonNull(key, "key is null");
    if (ConfigEntries.isEmberKey(key) && !ConfigEntries.isKnown(key)) {
      ConfigEntries.validate(key, "");
    }
  }
}
