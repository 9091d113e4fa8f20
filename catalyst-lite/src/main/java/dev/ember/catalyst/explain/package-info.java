/**
 * Explain output: plan printers ({@link dev.ember.catalyst.explain.Explainer}, {@link
 * dev.ember.catalyst.explain.PlanPrinter}) and the stage graph ({@link
 * dev.ember.catalyst.explain.StageGraph}, drawn as DOT or Mermaid).
 *
 * <p><b>One stage walk.</b> Explain does not cut plans into stages itself: it calls engine-core's
 * {@link dev.ember.core.scheduler.StageBuilder}, the pure function the DAG scheduler runs each job
 * with, and prints physical nodes with engine-core's {@link dev.ember.core.plan.NodeDescription},
 * which the scheduler also uses for its stage descriptions.
 *
 * <p><b>Stage identity: keys, not ids.</b> Every stage has a key, its position in the walk (parents
 * first from 0, the result stage last). Explain prints it ({@code Stage 2}, {@code endsStage=2}) and
 * the stage events carry it ({@code StageSubmittedEvent.stageKey}, {@code StageCompletedEvent.stageKey};
 * {@code JobStartEvent.stageIds} is indexed by it). We chose a key over printing the job's own stage
 * ids because those ids are unique in the session and handed out when a job starts: explain runs
 * before the job, other jobs (another action, a cache being filled) may start in between, and the
 * same plan explained twice must print the same text (golden tests). The key is a function of the
 * physical plan alone, so the web UI matches a running stage to the explained one by the job's
 * query and {@code stageKey}; the session-wide id is the job's first stage id plus the key.
 *
 * <p>May import: {@code catalyst.optimizer}, {@code catalyst.plan}, and engine-core's {@code plan},
 * {@code scheduler} (the stage walk) and {@code scheduler.listener}, {@code expression}, {@code
 * source}, {@code storage}, {@code vector}, {@code types}.
 */
package dev.ember.catalyst.explain;
