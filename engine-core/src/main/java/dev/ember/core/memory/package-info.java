/**
 * Execution memory and spilling.
 *
 * <p><b>Model.</b> Each executor has one {@link dev.ember.core.memory.UnifiedMemoryManager}: of
 * {@code ember.executor.memory} (default: the JVM's max heap, as Spark's local mode) a reserve of min(300 MiB, a fifth) is left to the
 * engine's own objects, and 0.6 of the rest is the unified region shared by execution and storage
 * (half each by default; either borrows the other's free memory; execution can evict cached blocks
 * that storage borrowed beyond its half; storage never evicts execution). Execution memory is
 * shared fairly: with N active tasks each may hold up to 1/N, and a task below 1/(2N) waits for
 * others to release rather than being refused.
 *
 * <p><b>Tasks.</b> Each task attempt gets a {@link dev.ember.core.memory.TaskMemoryManager} (the
 * {@link dev.ember.core.memory.TaskMemory} of its context). Buffering operators are
 * {@link dev.ember.core.memory.MemoryConsumer}s: they reserve as they grow; when a reservation is
 * short, the task's other consumers are asked to spill, largest first, then the requester gets what
 * could be granted and spills itself. At task end the task runner releases whatever is left and
 * logs the consumers that leaked; the task's peak goes into its metrics.
 *
 * <p><b>Spill files.</b> {@link dev.ember.core.memory.SpillWriter} writes batches of fixed column
 * types to {@code <ember.local.dir>/spill/spill-*.bin}: one LZ4-compressed, checksummed frame per
 * batch holding it in the one columnar encoding of {@link dev.ember.core.codec}.
 * {@link dev.ember.core.memory.SpillReader} reads them back and deletes the
 * file at its end or on close; writers delete unfinished files. Each finished file counts once in
 * {@link dev.ember.core.metrics.TaskMetrics#addSpill(long)}.
 *
 * <p>May import: {@code metrics}, {@code codec}, {@code vector}, {@code types}, {@code text}; never tasks, operators or
 * storage (a spilling operator gets a {@code MemoryContext}, built from values owned here and in {@code
 * metrics}).
 */
package dev.ember.core.memory;
