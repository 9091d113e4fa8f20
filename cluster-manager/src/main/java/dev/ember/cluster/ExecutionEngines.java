package dev.ember.cluster;

import dev.ember.cluster.launch.ApplicationJars;
import dev.ember.cluster.launch.DriverAddress;
import dev.ember.cluster.local.LocalBackend;
import dev.ember.cluster.standalone.LocalClusterProcesses;
import dev.ember.cluster.standalone.StandaloneBackend;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.network.NetworkSettings;
import dev.ember.core.scheduler.DagScheduler;
import dev.ember.core.scheduler.JobRunner;
import dev.ember.core.scheduler.SchedulerSettings;
import dev.ember.core.text.ByteSizes;
import dev.ember.shuffle.sort.DiskShuffleManager;
import dev.ember.shuffle.sort.DiskShuffleSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Starts the execution side of a session for a master URL. */
public final class ExecutionEngines {
  public static final String LOCAL_DIR = "ember.local.dir";
  public static final String SHUFFLE_COMPRESS = "ember.shuffle.compress";
  public static final String EXECUTOR_MEMORY = "ember.executor.memory";
  /** Map outputs that encode to at most this many bytes stay in memory (no shuffle files); 0 turns it off. */
  public static final String SHUFFLE_IN_MEMORY_OUTPUT_BYTES = "ember.shuffle.inMemoryOutputBytes";
  /**
   * Local mode hands map outputs to reducers as batches, by reference (default {@code true});
   * {@code false} makes it shuffle through encoded files as executors of other processes do.
   */
  public static final String SHUFFLE_IN_PROCESS = "ember.shuffle.inProcess";
  private static final long MIN_WRITE_BUFFER = 1L << 20;

  private ExecutionEngines() {}

  /**
   * Starts executors for {@code master} (see {@link MasterUrl}: threads of this process, a
   * standalone master's executor processes, or a local cluster's, started here) and
   * returns the job runner that schedules onto them. {@code settings} holds the session's
   * {@code ember.*} configuration (for example {@code ember.task.maxFailures}) and may hold the
   * test-only {@code test.ember.failTasks} (see {@link dev.ember.core.scheduler.FaultInjection}).
   * Executors of other processes shuffle through files under {@code ember.local.dir} (default
   * {@code java.io.tmpdir}), LZ4-compressed unless {@code ember.shuffle.compress} is false; local mode
   * hands map outputs to reducers as batches and writes such files only when memory runs short;
   * closing the runner deletes them.
   *
   * @throws IllegalArgumentException for a master URL that does not parse, naming the accepted forms
   * @throws IllegalStateException when a cluster cannot be started or joined
   */
  public static JobRunner start(String master, Map<String, String> settings) {
    Objects.requireNonNull(settings, "settings is null");
    // instanceof, not a pattern switch: a JVM's first pattern switch bootstraps SwitchBootstraps
    // (about a tenth of a fresh JVM's session start), and this runs in every session's start.
    MasterUrl url = MasterUrl.parse(master);
    if (url instanceof MasterUrl.Local local) {
      return startLocal(local, settings);
    }
    if (url instanceof MasterUrl.LocalCluster cluster) {
      return startLocalCluster(cluster, settings, ApplicationJars.from(settings));
    }
    return startStandalone((MasterUrl.Standalone) url, settings, ApplicationJars.from(settings), () -> { });
  }

  /** Starts the master and worker processes, then joins them as {@code ember://127.0.0.1:port}; closing stops them. */
  private static JobRunner startLocalCluster(MasterUrl.LocalCluster cluster, Map<String, String> settings,
      ApplicationJars jars) {
    NetworkSettings network = NetworkSettings.from(settings);
    String secret = settings.get(NetworkSettings.AUTHENTICATE_SECRET);
    // An executor takes at most its worker's memory (ember.executor.memory defaults to 1g, more than M may be).
    Map<String, String> executorSettings = new java.util.HashMap<>(settings);
    long executorMemory = Math.min(UnifiedMemoryManager.clusterExecutorMemory(settings), cluster.memoryPerWorker());
    executorSettings.put(EXECUTOR_MEMORY, executorMemory + "b");
    // The daemons never read the jars: executors fetch them from this driver.
    Map<String, String> daemonSettings = new java.util.HashMap<>(executorSettings);
    daemonSettings.remove(ApplicationJars.JARS);
    LocalClusterProcesses processes = LocalClusterProcesses.start(cluster.workers(), cluster.coresPerWorker(),
        cluster.memoryPerWorker(), daemonSettings, secret, network.timeout());
    return startStandalone(new MasterUrl.Standalone("127.0.0.1", processes.masterPort()), executorSettings, jars,
        processes);
  }

  private static JobRunner startStandalone(MasterUrl.Standalone master, Map<String, String> settings,
      ApplicationJars jars, AutoCloseable onClose) {
    SchedulerSettings schedulerSettings;
    NetworkSettings network;
    DriverAddress driver;
    long executorMemory;
    try {
      schedulerSettings = SchedulerSettings.from(settings);
      network = NetworkSettings.from(settings);
      driver = DriverAddress.from(settings);
      // Executors run in processes of their own: Spark's 1g when unset, not this driver's heap.
      executorMemory = UnifiedMemoryManager.clusterExecutorMemory(settings);
    } catch (RuntimeException badSettings) {
      closeQuietly(onClose);
      throw badSettings;
    }
    StandaloneBackend backend = StandaloneBackend.start(master.host(), master.port(),
        "ember", executorMemory, network, driver, jars, network.timeout(), onClose);
    return new DagScheduler(backend, schedulerSettings);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Already failing for another reason, which the caller reports.
    }
  }

  private static JobRunner startLocal(MasterUrl.Local local, Map<String, String> settings) {
    // Spark's rule: local[N] makes one attempt per task, local[N,F] makes F; ember.task.maxFailures is for clusters.
    SchedulerSettings schedulerSettings = SchedulerSettings.from(settings).withMaxTaskFailures(local.taskAttempts());
    DiskShuffleSettings shuffleSettings = shuffleSettings(settings, local.threads());
    // Tasks run in this JVM, which has the application's classes already; ember.jars still go on the
    // task threads' class loader, so that local mode finds user code as executors do.
    ClassLoader parent = Thread.currentThread().getContextClassLoader();
    ClassLoader applicationLoader = ApplicationJars.classLoader(ApplicationJars.from(settings).paths(),
        parent == null ? ExecutionEngines.class.getClassLoader() : parent);
    // Every reducer runs in this JVM: map outputs are held as batches and read by reference (DESIGN "one
    // process, one cluster"); executors of other processes keep the file path. Spill files live in the
    // executor's own directory, so closing the shuffle manager removes them too.
    if (!inProcess(settings)) {
      DiskShuffleManager shuffle = new DiskShuffleManager(LocalBackend.EXECUTOR_ID, shuffleSettings);
      UnifiedMemoryManager memory = UnifiedMemoryManager.fromSettings(settings, shuffle.rootDirectory().resolve("spill"));
      return new DagScheduler(new LocalBackend(local.threads(), shuffle, memory, applicationLoader), schedulerSettings);
    }
    DiskShuffleManager shuffle = DiskShuffleManager.inProcess(LocalBackend.EXECUTOR_ID, shuffleSettings,
        new SpillInRoot(settings));
    return new DagScheduler(new LocalBackend(local.threads(), shuffle, shuffle.heldMemory(), applicationLoader),
        schedulerSettings);
  }

  /**
   * Waits until the reclaim of killed sessions' folders under {@code ember.local.dir}, which a local
   * runner's start began on a thread of its own, has finished; false when {@code timeout} passed
   * first. For tests that check what the reclaim deleted.
   *
   * @throws IllegalArgumentException when {@code runner} is not one {@link #start} made for a local master
   */
  public static boolean awaitFolderReclaim(JobRunner runner, Duration timeout) throws InterruptedException {
    if (runner instanceof DagScheduler scheduler && scheduler.backend() instanceof LocalBackend local
        && local.shuffleManager() instanceof DiskShuffleManager shuffle) {
      return shuffle.awaitFolderReclaim(timeout);
    }
    throw new IllegalArgumentException("not the job runner of a local master: " + runner);
  }

  /**
   * The executor's memory manager, spilling into {@code <shuffle root>/spill} (a named class, not a
   * lambda: it is built on every local session's start).
   */
  private record SpillInRoot(Map<String, String> settings) implements Function<Path, UnifiedMemoryManager> {
    @Override
    public UnifiedMemoryManager apply(Path root) {
      return UnifiedMemoryManager.fromSettings(settings, root.resolve("spill"));
    }
  }

  /** {@link #SHUFFLE_IN_PROCESS}: true unless set to false. */
  static boolean inProcess(Map<String, String> settings) {
    String value = settings.getOrDefault(SHUFFLE_IN_PROCESS, "true").trim().toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(SHUFFLE_IN_PROCESS + " must be true or false, got '" + value + "'");
    }
    return value.equals("true");
  }

  /**
   * The disk shuffle's settings from the session's: each writer buffers at most half of a slot's
   * share of executor memory, and never more than {@link DiskShuffleSettings#DEFAULT_WRITE_BUFFER_BYTES}
   * (buffered batches take more heap than their value bytes, which is what the cap counts).
   */
  public static DiskShuffleSettings shuffleSettings(Map<String, String> settings, int slots) {
    String directory = settings.getOrDefault(LOCAL_DIR, System.getProperty("java.io.tmpdir"));
    if (directory == null || directory.isBlank()) {
      throw new IllegalArgumentException(LOCAL_DIR + " must name a directory, got '" + directory + "'");
    }
    String compress = settings.getOrDefault(SHUFFLE_COMPRESS, "true").trim().toLowerCase(Locale.ROOT);
    if (!compress.equals("true") && !compress.equals("false")) {
      throw new IllegalArgumentException(SHUFFLE_COMPRESS + " must be true or false, got '" + compress + "'");
    }
    long executorMemory = UnifiedMemoryManager.executorMemory(settings);
    long writeBuffer = Math.max(MIN_WRITE_BUFFER,
        Math.min(DiskShuffleSettings.DEFAULT_WRITE_BUFFER_BYTES, executorMemory / (2L * slots)));
    long inMemoryOutputBytes = DiskShuffleSettings.DEFAULT_IN_MEMORY_OUTPUT_BYTES;
    String inMemory = settings.get(SHUFFLE_IN_MEMORY_OUTPUT_BYTES);
    if (inMemory != null) {
      inMemoryOutputBytes = ByteSizes.parse(SHUFFLE_IN_MEMORY_OUTPUT_BYTES, inMemory, 1L);
      if (inMemoryOutputBytes < 0 || inMemoryOutputBytes > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(SHUFFLE_IN_MEMORY_OUTPUT_BYTES
            + " must be a size from 0 (off) to 2g, got '" + inMemory + "'");
      }
    }
    return DiskShuffleSettings.defaults(Path.of(directory))
        .withCompress(compress.equals("true"))
        .withWriteBufferBytes(writeBuffer)
        .withInMemoryOutputBytes(inMemoryOutputBytes);
  }
}
