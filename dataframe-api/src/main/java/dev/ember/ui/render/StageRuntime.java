package dev.ember.ui.render;

/**
 * What ran of a stage, drawn on its box: its state (ACTIVE, COMPLETE, FAILED, or PENDING when not
 * submitted yet), its finished and total tasks, and the bytes it wrote to its shuffle (the label
 * of its outgoing edge).
 */
public record StageRuntime(String status, int completedTasks, int totalTasks, long shuffleWriteBytes) {}
