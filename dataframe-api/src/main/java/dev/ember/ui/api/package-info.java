/**
 * The REST API under {@code /api/v1} in Spark's shape and field names ({@code applications},
 * {@code .../jobs}, {@code .../stages}, {@code .../executors}, {@code .../storage/rdd}), answered
 * from {@link dev.ember.ui.status.AppStatusStore}s; independent of the HTTP server.
 *
 * <p>May import: {@code dev.ember.ui.status}, {@code dev.ember.ui.json}.
 */
package dev.ember.ui.api;
