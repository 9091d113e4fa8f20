/**
 * Kryo serialization of tasks, plans and results; its registry names every serializable class, so it sits
 * above all of them.
 *
 * <p>May import: {@code task}, {@code shuffle}, {@code plan}, {@code result}, {@code source}, {@code
 * metrics}, {@code expression}, {@code codec} (vectors and batches travel in the columnar encoding),
 * {@code vector}, {@code types}; never {@code executor} or {@code scheduler}.
 */
package dev.ember.core.serialization;
