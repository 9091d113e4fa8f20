package dev.ember.core.failure;

/**
 * Marks an exception that a task throws again on every attempt with the same input (a malformed
 * record under FAILFAST, an invalid pattern, a type error): the scheduler fails the job at once
 * instead of retrying it, as retrying would only repeat the error and delay the report.
 */
public interface DeterministicFailure {}
