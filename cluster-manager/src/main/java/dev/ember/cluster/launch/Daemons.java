package dev.ember.cluster.launch;

/**
 * The daemons' main classes and the lines they print once ready, named here so that whoever starts
 * them as processes (local-cluster, tests) need not import the daemons' packages.
 */
public final class Daemons {
  public static final String MASTER_MAIN_CLASS = "dev.ember.cluster.master.EmberMaster";
  public static final String WORKER_MAIN_CLASS = "dev.ember.cluster.worker.EmberWorker";
  /** Printed by the master, followed by its URL {@code ember://host:port}. */
  public static final String MASTER_LISTENING = "Ember master listening on";
  /** Printed by a worker once the master accepted it. */
  public static final String WORKER_REGISTERED = "Ember worker registered:";

  private Daemons() {}
}
