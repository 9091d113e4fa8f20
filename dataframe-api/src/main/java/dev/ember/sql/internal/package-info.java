/**
 * Implementation details of the public API that do not touch its classes: type conversions, config entries,
 * CSV option parsing, the adapters that turn {@code UDF0..UDF5} into the engine's functions.
 *
 * <p>May import: {@code dev.ember.sql.types}, catalyst-lite's {@code analysis}, and engine-core's {@code
 * types}, {@code expression}, {@code source}, {@code text}; never {@code dev.ember.sql} itself (helpers
 * that handle {@code Row} are package-private in {@code dev.ember.sql}).
 */
package dev.ember.sql.internal;
