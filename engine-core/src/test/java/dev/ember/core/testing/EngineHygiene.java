package dev.ember.core.testing;

import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.ListenerFailures;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Fails a test that leaves something behind, which its own assertions cannot see: a file it opened
 * and never closed (counted in {@code /proc/self/fd}; Linux keeps a deleted file open, so "the file
 * is gone" proves nothing), an {@code ember-*} thread it started that is still alive, execution
 * memory still reserved in a tracked memory manager, or an exception thrown inside a job listener
 * (which the scheduler only logs). Use with {@code @ExtendWith(EngineHygiene.class)}.
 */
public final class EngineHygiene implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EngineHygiene.class);
  /** Execution memory in use, per memory manager a test created (see {@link #trackExecutionMemory}). */
  private static final List<Tracked> TRACKED = new CopyOnWriteArrayList<>();
  private static final long THREAD_GRACE_MILLIS = 5_000;

  private record Tracked(String name, LongSupplier used) {}

  private record Before(Map<String, Integer> openFiles, Set<Long> emberThreads,
      List<RuntimeException> listenerFailures, BiConsumer<JobListener, RuntimeException> previousHandler) {}

  /** Checks after the test that {@code used} reads 0: call it where a test builds a memory manager. */
  public static void trackExecutionMemory(String name, LongSupplier used) {
    TRACKED.add(new Tracked(name, used));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    TRACKED.clear();
    List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    BiConsumer<JobListener, RuntimeException> previous = ListenerFailures.setHandler((listener, failure) -> failures.add(failure));
    context.getStore(NAMESPACE).put(Before.class, new Before(openFiles(), emberThreads(), failures, previous));
  }

  @Override
  public void afterEach(ExtensionContext context) throws InterruptedException {
    Before before = context.getStore(NAMESPACE).remove(Before.class, Before.class);
    ListenerFailures.setHandler(before.previousHandler());
    List<String> problems = new ArrayList<>();
    AssertionError listenerError = null;
    if (!before.listenerFailures().isEmpty()) {
      problems.add(before.listenerFailures().size() + " job listener failure(s), first: " + before.listenerFailures().get(0));
      listenerError = new AssertionError("a job listener threw", before.listenerFailures().get(0));
    }
    for (Tracked tracked : TRACKED) {
      long used = tracked.used().getAsLong();
      if (used != 0) {
        problems.add(tracked.name() + " still holds " + used + " bytes of execution memory");
      }
    }
    TRACKED.clear();
    List<String> threads = threadsLeft(before.emberThreads());
    if (!threads.isEmpty()) {
      problems.add("ember threads still alive: " + threads);
    }
    List<String> files = filesLeftOpen(before.openFiles());
    if (!files.isEmpty()) {
      problems.add("files left open: " + files);
    }
    if (!problems.isEmpty()) {
      AssertionError error = new AssertionError(context.getDisplayName() + " left resources behind: " + String.join("; ", problems));
      if (listenerError != null) {
        error.initCause(listenerError.getCause());
      }
      throw error;
    }
  }

  private static Set<Long> emberThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("ember-")).map(Thread::threadId).collect(Collectors.toSet());
  }

  /** A failed randomized test says which seed reproduces it. */
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    String seed = System.getProperty(TestSeeds.PROPERTY);
    System.err.println(context.getDisplayName() + " failed; its random seeds came from "
        + (seed == null ? "the test's fixed seeds (no -D" + TestSeeds.PROPERTY + ")" : "-D" + TestSeeds.PROPERTY + "=" + seed
            + ": rerun with it to reproduce"));
    throw failure;
  }

  /** Threads named ember-* that started during the test and do not end within a grace period. */
  private static List<String> threadsLeft(Set<Long> before) throws InterruptedException {
    long deadline = System.currentTimeMillis() + THREAD_GRACE_MILLIS;
    while (true) {
      List<Thread> left = Thread.getAllStackTraces().keySet().stream()
          .filter(thread -> thread.isAlive() && thread.getName().startsWith("ember-") && !before.contains(thread.threadId()))
          .toList();
      if (left.isEmpty() || System.currentTimeMillis() > deadline) {
        return left.stream().map(Thread::getName).sorted().toList();
      }
      Thread.sleep(20);
    }
  }

  /** Files opened during the test and still open (a multiset: the same file opened twice counts twice). */
  private static List<String> filesLeftOpen(Map<String, Integer> before) {
    Map<String, Integer> after = openFiles();
    List<String> left = new ArrayList<>();
    after.forEach((target, count) -> {
      int extra = count - before.getOrDefault(target, 0);
      for (int i = 0; i < extra; i++) {
        left.add(target);
      }
    });
    return left;
  }

  /** The targets of this process's file descriptors that are files of the tests (not jars, devices or sockets). */
  static Map<String, Integer> openFiles() {
    Map<String, Integer> targets = new HashMap<>();
    Path descriptors = Path.of("/proc/self/fd");
    if (!Files.isDirectory(descriptors)) {
      return targets; // not Linux: nothing to compare
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(descriptors)) {
      for (Path entry : entries) {
        String target;
        try {
          target = Files.readSymbolicLink(entry).toString();
        } catch (IOException closedMeanwhile) {
          continue; // the listing's own descriptor, or one closed while listing
        }
        if (isTestFile(target)) {
          targets.merge(target, 1, Integer::sum);
        }
      }
    } catch (IOException unreadable) {
      return targets;
    }
    return targets;
  }

  private static boolean isTestFile(String target) {
    if (!target.startsWith("/") || target.startsWith("/proc/") || target.startsWith("/dev/") || target.startsWith("/sys/")) {
      return false;
    }
    String path = target.endsWith(" (deleted)") ? target.substring(0, target.length() - " (deleted)".length()) : target;
    // Class loading and the JDK open these lazily and keep them open: not a test's leak.
    return !path.endsWith(".jar") && !path.endsWith("/lib/modules") && !path.endsWith(".so") && !path.contains("/surefire")
        && !path.endsWith(".log");
  }

  /** For messages: the open test files now. */
  static String describeOpenFiles() {
    return openFiles().entrySet().stream().map(entry -> entry.getKey() + " x" + entry.getValue()).collect(Collectors.joining(", "));
  }
}
