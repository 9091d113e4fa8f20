package dev.ember.cluster.executor;

import dev.ember.cluster.ExecutionEngines;
import dev.ember.cluster.launch.ApplicationJars;
import dev.ember.cluster.launch.DaemonSettings;
import dev.ember.cluster.rpc.Connection;
import dev.ember.cluster.rpc.ControlMessage;
import dev.ember.cluster.rpc.ControlMessage.ApplicationJarOffered;
import dev.ember.cluster.rpc.ControlMessage.FetchJarChunk;
import dev.ember.cluster.rpc.ControlMessage.JarChunk;
import dev.ember.cluster.rpc.ControlMessage.JarUnavailable;
import dev.ember.cluster.rpc.ControlMessage.BroadcastUnavailable;
import dev.ember.cluster.rpc.ControlMessage.BroadcastValue;
import dev.ember.cluster.rpc.ControlMessage.ExecutorRegistered;
import dev.ember.cluster.rpc.ControlMessage.FetchBroadcast;
import dev.ember.cluster.rpc.ControlMessage.Heartbeat;
import dev.ember.cluster.rpc.ControlMessage.JobEnded;
import dev.ember.cluster.rpc.ControlMessage.KillTask;
import dev.ember.cluster.rpc.ControlMessage.LaunchTask;
import dev.ember.cluster.rpc.ControlMessage.RegisterExecutor;
import dev.ember.cluster.rpc.ControlMessage.RegistrationRefused;
import dev.ember.cluster.rpc.ControlMessage.RemoveCache;
import dev.ember.cluster.rpc.ControlMessage.RemoveShuffle;
import dev.ember.cluster.rpc.ControlMessage.TaskFinished;
import dev.ember.cluster.rpc.Endpoint;
import dev.ember.cluster.rpc.RpcClient;
import dev.ember.core.logging.LazyLogger;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.network.NetworkSettings;
import dev.ember.core.serialization.EmberSerializer;
import dev.ember.core.executor.FetchedBroadcasts;
import dev.ember.core.executor.TaskRunner;
import dev.ember.core.task.BroadcastHandle;
import dev.ember.core.vector.Batch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import dev.ember.shuffle.sort.DiskShuffleManager;
import dev.ember.shuffle.transport.BlockServer;
import dev.ember.shuffle.transport.BlockTransferClient;
import dev.ember.shuffle.transport.FetchSettings;
import dev.ember.shuffle.transport.NettyBlockFetcher;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An executor's life: connect back to the driver (by address only), register, run the tasks the
 * driver sends on {@code cores} threads ({@link TaskRunner#run} takes and returns bytes), and end
 * when the driver goes away. {@link #ended()} completes with the reason; the process then exits,
 * so a lost driver never leaves executors behind. Shuffle outputs go to this executor's own
 * directory of the disk shuffle, deleted when it ends, and are served to the other executors by
 * its block server; remote blocks are fetched with the Netty block fetcher. Tasks carry broadcast
 * handles only: the first task that reads a broadcast fetches its value from the driver
 * ({@code FetchBroadcast}, answered on the driver connection's thread) and the executor's other
 * tasks of the job share it ({@link FetchedBroadcasts}) until the driver says the job ended.
 *
 * <p>Once registered it sends a heartbeat every {@code ember.executor.heartbeatInterval}, so the
 * driver can tell a silent (hung or cut off) executor from a busy one; the driver sends heartbeats
 * too, and an executor that has heard nothing from its driver for {@code ember.network.timeout}
 * ends (a driver host that vanished leaves its connections open), so executors never outlive
 * their driver by more than that.
 *
 * <p>User code: the driver offers the application's jars ({@code ember.jars}) right after accepting
 * the executor; a fetching thread copies each into {@code <work directory>/jars} chunk by chunk
 * over the same (authenticated, optionally encrypted) connection, checks its size and SHA-256, and
 * builds the application class loader (parent: the engine's loader). Tasks wait for it and run
 * with it as their context class loader, so user functions in the plans load from those jars.
 *
 * <p>Threads: the connection's thread handles the driver's messages; task threads run tasks and
 * send their results; one heartbeat thread sends heartbeats; one short-lived thread fetches the jars.
 */
public final class Executor implements Endpoint, AutoCloseable {
  private static final LazyLogger LOG = new LazyLogger(Executor.class);
  /** Bytes of a jar asked for at once (the driver may send fewer). */
  private static final int JAR_CHUNK_BYTES = 4 << 20;

  private final String executorId;
  private final DiskShuffleManager shuffle;
  private final NettyBlockFetcher fetcher;
  private final BlockServer blockServer;
  private final TaskRunner runner;
  private final FetchedBroadcasts broadcasts;
  private final Duration broadcastTimeout;
  /** Fetches waiting for the driver's answer, by job and broadcast; completed on the connection's thread. */
  private final Map<BroadcastKey, CompletableFuture<List<Batch>>> pendingBroadcasts = new ConcurrentHashMap<>();
  private final ExecutorService threads;
  private final ScheduledExecutorService heartbeats;
  private final java.time.Duration heartbeatInterval;
  private final Map<Long, Future<?>> running = new ConcurrentHashMap<>();
  private final RpcClient client;
  private final Connection driver;
  private final CompletableFuture<String> registered = new CompletableFuture<>();
  private final CompletableFuture<String> ended = new CompletableFuture<>();
  private final Duration driverTimeout;
  private final Path jarDirectory;
  /** The application's class loader, once its jars are fetched and checked; tasks wait for it. */
  private final CompletableFuture<ClassLoader> applicationLoader = new CompletableFuture<>();
  /** Jars offered so far and how many the driver announced; the connection's thread only. */
  private final List<ApplicationJarOffered> offeredJars = new java.util.ArrayList<>();
  private int announcedJars = -1;
  /** The one chunk the fetching thread waits for; completed on the connection's thread. */
  private volatile CompletableFuture<ControlMessage> pendingChunk;
  /** When the driver last sent anything; written by the connection's thread, read by the heartbeat thread. */
  private volatile long lastHeardFromDriverNanos = System.nanoTime();

  private record BroadcastKey(int jobId, int broadcastId) {}

  private Executor(String executorId, String driverHost, int driverPort, String host, int cores,
      Map<String, String> settings, Path workDirectory) {
    this.executorId = executorId;
    this.jarDirectory = workDirectory.resolve("jars");
    NetworkSettings network = NetworkSettings.from(settings);
    // Reducers find other executors' outputs through the block-server address in each map status.
    this.fetcher = new NettyBlockFetcher(unknownExecutor -> null, new BlockTransferClient(network),
        FetchSettings.from(settings));
    this.shuffle = new DiskShuffleManager(executorId, ExecutionEngines.shuffleSettings(settings, cores), fetcher);
    try {
      this.blockServer = BlockServer.start(host, 0, network, shuffle);
    } catch (RuntimeException unbound) {
      shuffle.close();
      fetcher.close();
      throw unbound;
    }
    shuffle.serveBlocksAt(host, blockServer.address().getPort());
    UnifiedMemoryManager memory = UnifiedMemoryManager.fromSettings(settings, shuffle.rootDirectory().resolve("spill"));
    this.broadcastTimeout = network.timeout();
    this.driverTimeout = network.timeout();
    // Tasks carry broadcast handles; this executor fetches each value from the driver once per job.
    this.broadcasts = new FetchedBroadcasts(this::fetchBroadcast, memory);
    this.runner = new TaskRunner(executorId, shuffle, EmberSerializer.shared(), memory, broadcasts);
    AtomicInteger counter = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(cores, task -> {
      Thread thread = new Thread(task, "ember-executor-" + executorId + "-" + counter.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    });
    this.heartbeatInterval = DaemonSettings.heartbeatInterval(settings);
    this.heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "ember-executor-heartbeat-" + executorId);
      thread.setDaemon(true);
      return thread;
    });
    this.client = new RpcClient("ember-executor", network);
    try {
      this.driver = client.connect(driverHost, driverPort, network.timeout(), this);
    } catch (RuntimeException unreachable) {
      client.close();
      threads.shutdownNow();
      heartbeats.shutdownNow();
      blockServer.close();
      fetcher.close();
      shuffle.close();
      throw unreachable;
    }
    driver.send(new RegisterExecutor(executorId, host, cores, ProcessHandle.current().pid(),
        blockServer.address().getPort()));
  }

  /**
   * Starts an executor that serves the driver at {@code driverHost:driverPort}.
   *
   * @param settings {@code ember.*} settings: network, executor memory, local directory, shuffle
   */
  public static Executor start(String executorId, String driverHost, int driverPort, String host, int cores,
      Map<String, String> settings) {
    return start(executorId, driverHost, driverPort, host, cores, settings, Path.of("").toAbsolutePath());
  }

  /** As above, keeping the application's jars under {@code workDirectory} (a launched executor's is its current directory). */
  public static Executor start(String executorId, String driverHost, int driverPort, String host, int cores,
      Map<String, String> settings, Path workDirectory) {
    return new Executor(executorId, driverHost, driverPort, host, cores, settings, workDirectory);
  }

  /** The application's class loader once the jars are in (tests look at it). */
  public CompletableFuture<ClassLoader> applicationLoader() {
    return applicationLoader;
  }

  public CompletableFuture<String> registered() {
    return registered;
  }

  public CompletableFuture<String> ended() {
    return ended;
  }

  @Override
  public void received(Connection connection, ControlMessage message) {
    lastHeardFromDriverNanos = System.nanoTime();
    switch (message) {
      case ExecutorRegistered accepted -> {
        LOG.get().info("Executor {} registered with the driver", executorId);
        registered.complete(accepted.executorId());
        long interval = Math.max(1, heartbeatInterval.toMillis());
        heartbeats.scheduleAtFixedRate(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
        announcedJars = accepted.applicationJars();
        if (announcedJars == 0) {
          applicationLoader.complete(engineLoader());
        }
      }
      case ApplicationJarOffered offer -> {
        offeredJars.add(offer);
        if (offeredJars.size() == announcedJars) {
          List<ApplicationJarOffered> jars = List.copyOf(offeredJars);
          Thread fetching = new Thread(() -> fetchJars(jars), "ember-executor-jars-" + executorId);
          fetching.setDaemon(true);
          fetching.start();
        }
      }
      case JarChunk chunk -> answerChunk(chunk);
      case JarUnavailable unavailable -> answerChunk(unavailable);
      case Heartbeat fromDriver -> {
        // Only its arrival matters (noted above).
      }
      case RegistrationRefused refused -> {
        registered.completeExceptionally(new IllegalStateException("the driver refused: " + refused.reason()));
        end("refused by the driver: " + refused.reason());
      }
      case LaunchTask launch -> launch(launch);
      case KillTask kill -> {
        Future<?> task = running.get(kill.taskId());
        if (task != null) {
          task.cancel(true);
        }
      }
      case RemoveShuffle remove -> shuffle.removeShuffle(remove.shuffleId());
      case BroadcastValue value -> broadcastAnswered(value.jobId(), value.broadcastId(), value.batches(), null);
      case BroadcastUnavailable unavailable ->
          broadcastAnswered(unavailable.jobId(), unavailable.broadcastId(), null, unavailable.reason());
      case JobEnded jobEnded -> {
        broadcasts.releaseJob(jobEnded.jobId());
        runner.broadcastTables().releaseJob(jobEnded.jobId());
      }
      case RemoveCache remove -> runner.blockManager().removeCache(remove.cacheId());
      case ControlMessage other -> LOG.get().warn("Executor {} ignores {}", executorId, other.getClass().getSimpleName());
    }
  }

  /**
   * Asks the driver for a broadcast's value and waits for it (on the task thread that first reads
   * it; {@link FetchedBroadcasts} makes the executor's other tasks wait for this one).
   */
  private List<Batch> fetchBroadcast(BroadcastHandle handle) {
    BroadcastKey key = new BroadcastKey(handle.jobId(), handle.broadcastId());
    CompletableFuture<List<Batch>> answer = new CompletableFuture<>();
    pendingBroadcasts.put(key, answer);
    try {
      driver.send(new FetchBroadcast(handle.jobId(), handle.broadcastId()));
      return answer.get(broadcastTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while fetching broadcast " + handle.broadcastId());
    } catch (ExecutionException failed) {
      throw new IllegalStateException("executor " + executorId + " could not fetch broadcast " + handle.broadcastId()
          + " of job " + handle.jobId() + ": " + failed.getCause().getMessage(), failed.getCause());
    } catch (TimeoutException late) {
      throw new IllegalStateException("executor " + executorId + " got no answer for broadcast " + handle.broadcastId()
          + " of job " + handle.jobId() + " within " + broadcastTimeout + " (ember.network.timeout)", late);
    } finally {
      pendingBroadcasts.remove(key, answer);
    }
  }

  private void broadcastAnswered(int jobId, int broadcastId, byte[] batches, String failure) {
    CompletableFuture<List<Batch>> answer = pendingBroadcasts.get(new BroadcastKey(jobId, broadcastId));
    if (answer == null) {
      LOG.get().warn("Executor {} got broadcast {} of job {} that no task waits for", executorId, broadcastId, jobId);
      return;
    }
    if (failure != null) {
      answer.completeExceptionally(new IllegalStateException(failure));
      return;
    }
    try {
      @SuppressWarnings("unchecked")
      List<Batch> value = EmberSerializer.shared().deserialize(batches, List.class);
      answer.complete(value);
    } catch (RuntimeException corrupt) {
      answer.completeExceptionally(corrupt);
    }
  }

  /** On the heartbeat thread: tells the driver this executor lives, and ends it when the driver went silent. */
  private void heartbeat() {
    long silentNanos = System.nanoTime() - lastHeardFromDriverNanos;
    if (silentNanos > driverTimeout.toNanos()) {
      LOG.get().warn("Executor {} heard nothing from its driver for {} ms (ember.network.timeout): ending", executorId,
          TimeUnit.NANOSECONDS.toMillis(silentNanos));
      end("the driver was silent for more than " + driverTimeout.toMillis() + " ms (ember.network.timeout)");
      return;
    }
    driver.send(new Heartbeat(executorId));
  }

  private void launch(LaunchTask launch) {
    long taskId = launch.taskId();
    // Registered before it can finish, so a kill that arrives at once finds it.
    CompletableFuture<Void> registeredTask = new CompletableFuture<>();
    Future<?> future = threads.submit(() -> {
      registeredTask.join();
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      try {
        ClassLoader loader;
        try {
          // The first tasks wait for the jars; the fetch itself is bounded by the network timeout per chunk.
          loader = applicationLoader.get();
        } catch (ExecutionException | InterruptedException notLoaded) {
          if (notLoaded instanceof InterruptedException) {
            thread.interrupt();
          }
          Throwable cause = notLoaded instanceof ExecutionException ? notLoaded.getCause() : notLoaded;
          driver.send(new TaskFinished(taskId, runner.failBeforeRunning(launch.task(), cause)));
          return;
        }
        thread.setContextClassLoader(loader);
        // TaskRunner reports every failure of the task inside its result; only the JVM's own errors escape.
        byte[] result = runner.run(launch.task());
        driver.send(new TaskFinished(taskId, result));
      } finally {
        thread.setContextClassLoader(previous);
        running.remove(taskId);
      }
    });
    running.put(taskId, future);
    registeredTask.complete(null);
  }

  private static ClassLoader engineLoader() {
    return Executor.class.getClassLoader();
  }

  /** On the connection's thread: the driver's answer to the fetching thread's request. */
  private void answerChunk(ControlMessage answer) {
    CompletableFuture<ControlMessage> waiting = pendingChunk;
    if (waiting == null || !waiting.complete(answer)) {
      LOG.get().warn("Executor {} got {} that no fetch waits for", executorId, answer.getClass().getSimpleName());
    }
  }

  /**
   * On the fetching thread: copies every offered jar from the driver into {@link #jarDirectory},
   * checks it, and completes {@link #applicationLoader}; a failure fails the tasks that wait for it.
   */
  private void fetchJars(List<ApplicationJarOffered> jars) {
    try {
      Files.createDirectories(jarDirectory);
      List<Path> files = new java.util.ArrayList<>();
      for (ApplicationJarOffered jar : jars) {
        files.add(fetchJar(jar));
      }
      applicationLoader.complete(ApplicationJars.classLoader(files, engineLoader()));
      LOG.get().info("Executor {} fetched {} application jars into {}", executorId, files.size(), jarDirectory);
    } catch (Exception | LinkageError failed) {
      LOG.get().warn("Executor {} could not fetch the application's jars", executorId, failed);
      applicationLoader.completeExceptionally(failed instanceof JarFetchException ? failed
          : new JarFetchException("executor " + executorId + " could not fetch the application's jars into "
              + jarDirectory + ": " + failed, failed));
    }
  }

  private Path fetchJar(ApplicationJarOffered jar) throws IOException, InterruptedException {
    // The name is the driver's, made safe as a file name; the index keeps two of one name apart.
    Path file = jarDirectory.resolve(jar.index() + "-" + jar.name().replaceAll("[^A-Za-z0-9._-]", "_"));
    Path partial = file.resolveSibling(file.getFileName() + ".part");
    MessageDigest digest = ApplicationJars.sha256();
    long offset = 0;
    try (FileChannel output = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      while (offset < jar.size()) {
        CompletableFuture<ControlMessage> answer = new CompletableFuture<>();
        pendingChunk = answer;
        driver.send(new FetchJarChunk(jar.index(), offset, JAR_CHUNK_BYTES));
        ControlMessage reply;
        try {
          reply = answer.get(driverTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
          throw new JarFetchException("executor " + executorId + " got no part of jar " + jar.name() + " from the"
              + " driver within " + driverTimeout.toMillis() + " ms (ember.network.timeout)", late);
        } catch (ExecutionException impossible) {
          throw new JarFetchException("fetching " + jar.name() + " failed: " + impossible.getCause(), impossible);
        } finally {
          pendingChunk = null;
        }
        if (reply instanceof JarUnavailable unavailable) {
          throw new JarFetchException("the driver cannot send jar " + jar.name() + ": " + unavailable.reason(), null);
        }
        JarChunk chunk = (JarChunk) reply;
        if (chunk.index() != jar.index() || chunk.offset() != offset || chunk.bytes().length == 0
            || offset + chunk.bytes().length > jar.size()) {
          throw new JarFetchException("the driver sent bytes " + chunk.offset() + "+" + chunk.bytes().length
              + " of jar " + chunk.index() + " for bytes " + offset + ".. of jar " + jar.index() + " (" + jar.name()
              + ", " + jar.size() + " bytes)", null);
        }
        ByteBuffer buffer = ByteBuffer.wrap(chunk.bytes());
        while (buffer.hasRemaining()) {
          output.write(buffer);
        }
        digest.update(chunk.bytes());
        offset += chunk.bytes().length;
      }
      output.force(false);
    }
    byte[] sha256 = digest.digest();
    if (!MessageDigest.isEqual(sha256, jar.sha256())) {
      Files.deleteIfExists(partial);
      throw new JarFetchException("jar " + jar.name() + " arrived with SHA-256 " + ApplicationJars.hex(sha256)
          + ", not the driver's " + ApplicationJars.hex(jar.sha256()) + " (changed on the driver while it was sent?)",
          null);
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /** The application's jars could not be fetched: the tasks waiting for them fail with it. */
  static final class JarFetchException extends IOException {
    JarFetchException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Override
  public void disconnected(Connection connection) {
    registered.completeExceptionally(new IllegalStateException("the driver closed the connection"));
    end("lost the driver");
  }

  private void end(String reason) {
    if (ended.isDone()) {
      return;
    }
    driver.close();
    heartbeats.shutdownNow();
    threads.shutdownNow();
    pendingBroadcasts.values().forEach(answer -> answer.completeExceptionally(
        new IllegalStateException("the executor ended: " + reason)));
    CompletableFuture<ControlMessage> chunk = pendingChunk;
    if (chunk != null) {
      chunk.completeExceptionally(new IllegalStateException("the executor ended: " + reason));
    }
    applicationLoader.completeExceptionally(new IllegalStateException("the executor ended: " + reason));
    ended.complete(reason);
  }

  @Override
  public void close() {
    end("closed");
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    client.close();
    broadcasts.releaseAll();
    runner.broadcastTables().releaseAll();
    runner.blockManager().close();
    blockServer.close();
    fetcher.close();
    shuffle.close();
    if (applicationLoader.isDone() && !applicationLoader.isCompletedExceptionally()) {
      ApplicationJars.close(applicationLoader.join());
    }
  }
}
