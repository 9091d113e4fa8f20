package dev.ember.core.io;

import dev.ember.core.logging.LazyLogger;
import dev.ember.core.result.PartitionResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.ArrayList;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes a file write all-or-nothing (driver side). Tasks write their part files into a hidden
 * staging directory next to the target ({@code .<name>.ember-staging-<owner>-<uuid>}, same parent,
 * so the final move is a rename on one file system); {@link #commit} moves the files of the
 * successful attempts into place and {@link #abort} deletes the staging directory. A failed job thus
 * leaves no partial output, and OVERWRITE removes the old data only after the new data is in place
 * (it moves the old data aside to {@code .<name>.ember-old-<owner>-<uuid>} for the moment of the swap).
 *
 * <p>The folder names carry their owner process ({@link ProcessOwner}). A process killed during a
 * write leaves them behind; the next write to the same target reclaims those whose owner is gone:
 * it deletes the staging folder and, if the kill came between moving the old data aside and moving
 * the new data in, puts the old data back first; an append killed while moving its files in is
 * completed instead (its staging folder holds only committed files and an {@code _APPENDING}
 * marker), so an append is all-or-nothing once the next write has run. A live writer's folders are
 * never touched.
 *
 * <p>Not thread-safe: one job driver uses an instance.
 */
public final class FileCommitProtocol {
  /** The marker file a committed write leaves in its target directory, as Spark/Hadoop do. */
  public static final String SUCCESS_MARKER = "_SUCCESS";
  /** Left in a staging folder whose files an append has started to move into the target. */
  static final String APPENDING_MARKER = "_APPENDING";

  private static final LazyLogger LOG = new LazyLogger(FileCommitProtocol.class);
  private static final String STAGING_INFIX = ".ember-staging-";
  private static final String OLD_INFIX = ".ember-old-";
  private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private final Path target;
  private final SaveMode mode;
  private final Path staging;
  private boolean done;

  private FileCommitProtocol(Path target, SaveMode mode, Path staging) {
    this.target = target;
    this.mode = mode;
    this.staging = staging;
  }

  /**
   * Starts a write to {@code targetPath} (a directory to be; a {@code file:} URI is accepted).
   *
   * @throws PathAlreadyExistsException in mode ERROR_IF_EXISTS when the target exists
   * @return a protocol whose {@link #skipped()} is true in mode IGNORE when the target exists (run
   *     no job then); otherwise one with a fresh staging directory
   */
  public static FileCommitProtocol begin(String targetPath, SaveMode mode) {
    Objects.requireNonNull(targetPath, "targetPath is null");
    Objects.requireNonNull(mode, "mode is null");
    Path target = (targetPath.startsWith("file:") ? Path.of(URI.create(targetPath)) : Path.of(targetPath))
        .toAbsolutePath().normalize();
    if (target.getParent() == null) {
      throw new IllegalArgumentException("Cannot write to the file system root " + target);
    }
    // First, so that old data a killed overwrite had moved aside is back before the target is looked at.
    reclaimStale(target);
    boolean exists = Files.exists(target);
    if (exists && mode == SaveMode.ERROR_IF_EXISTS) {
      throw new PathAlreadyExistsException(target.toString());
    }
    if (exists && mode == SaveMode.IGNORE) {
      return new FileCommitProtocol(target, mode, null);
    }
    Path staging = target.resolveSibling(
        "." + target.getFileName() + STAGING_INFIX + ProcessOwner.current().tag() + "-" + UUID.randomUUID());
    try {
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the staging directory " + staging + ": " + e, e);
    }
    return new FileCommitProtocol(target, mode, staging);
  }

  /** The directory tasks write their part files into; null when {@link #skipped()}. */
  public String stagingDirectory() {
    return staging == null ? null : staging.toString();
  }

  /** True when the target existed in mode IGNORE: nothing is to be written. */
  public boolean skipped() {
    return staging == null;
  }

  /** The absolute target path. */
  public String targetPath() {
    return target.toString();
  }

  /**
   * Publishes the listed files (other files in the staging directory, such as those of a failed
   * or duplicate task attempt, are discarded) with a {@code _SUCCESS} marker. OVERWRITE moves the
   * old target aside, moves the new data in, then deletes the old data (restoring it if the move
   * in fails); ERROR_IF_EXISTS and IGNORE rename the staging directory to the target; APPEND moves
   * each file into the target (created when absent), renaming a file whose name is taken. A no-op
   * when {@link #skipped()}.
   */
  public void commit(List<PartitionResult.WrittenFiles> results) {
    Objects.requireNonNull(results, "results is null");
    if (skipped()) {
      return;
    }
    if (done) {
      throw new IllegalStateException("write to " + target + " was already committed or aborted");
    }
    Set<Path> committed = new HashSet<>();
    for (PartitionResult.WrittenFiles result : results) {
      for (String file : result.paths()) {
        Path path = Path.of(file).toAbsolutePath().normalize();
        if (!staging.equals(path.getParent())) {
          throw new IllegalArgumentException("file " + path + " is not in the staging directory " + staging);
        }
        if (!Files.isRegularFile(path)) {
          throw new IllegalStateException("task output " + path + " is missing from the staging directory");
        }
        committed.add(path);
      }
    }
    done = true;
    try {
      discardUncommitted(committed);
      Files.createFile(staging.resolve(SUCCESS_MARKER));
      switch (mode) {
        case OVERWRITE -> replaceTarget();
        case ERROR_IF_EXISTS, IGNORE -> {
          if (Files.exists(target)) {
            throw new PathAlreadyExistsException(target.toString());
          }
          rename(staging, target);
        }
        case APPEND -> appendToTarget();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot commit the write to " + target + " from " + staging + ": " + e, e);
    }
  }

  /** Deletes the staging directory and all in it; the target is untouched. Safe to call more than once. */
  public void abort() {
    done = true;
    if (staging != null) {
      Directories.deleteRecursively(staging);
    }
  }

  /**
   * Cleans up after writes to {@code target} whose process is gone: deletes their staging folders
   * and, where a killed overwrite had already moved the old data aside but not yet moved the new
   * data in (no target, an old folder), moves the old data back.
   *
   * @return the folders deleted or restored
   */
  public static List<Path> reclaimStale(Path target) {
    Pattern leftover = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString())
        + "\\.ember-(staging|old)-(p[0-9]+s[0-9]+)-(" + UUID_PATTERN + ")");
    List<Path> entries;
    try (Stream<Path> listing = Files.list(target.getParent())) {
      entries = listing.sorted().toList();
    } catch (IOException unreadable) {
      // The parent does not exist yet (nothing to reclaim) or cannot be read (the write will say so).
      return List.of();
    }
    List<Path> reclaimed = new ArrayList<>();
    // Old folders first: restoring the old data must not wait for a staging folder's deletion.
    for (String kind : List.of("old", "staging")) {
      for (Path entry : entries) {
        Matcher matcher = leftover.matcher(entry.getFileName().toString());
        if (!matcher.matches() || !matcher.group(1).equals(kind)) {
          continue;
        }
        Optional<ProcessOwner> owner = ProcessOwner.parse(matcher.group(2));
        if (owner.isEmpty() || owner.get().isAlive()) {
          continue;
        }
        try {
          if (kind.equals("old") && !Files.exists(target)) {
            rename(entry, target);
            LOG.get().warn("Restored {} from {}: process {} was killed while overwriting it", target, entry, owner.get().pid());
          } else if (kind.equals("staging") && Files.exists(entry.resolve(APPENDING_MARKER)) && Files.isDirectory(target)) {
            moveInto(entry, target);
            LOG.get().warn("Completed an append to {} from {}: process {} was killed while moving its files in", target, entry,
                owner.get().pid());
          } else {
            Directories.deleteRecursively(entry);
            LOG.get().info("Deleted {}, left by process {} (gone) while writing {}", entry, owner.get().pid(), target);
          }
          reclaimed.add(entry);
        } catch (IOException | UncheckedIOException failed) {
          LOG.get().warn("Cannot clean up {}, left by a stopped write to {}: {}", entry, target, failed.toString());
        }
      }
    }
    return reclaimed;
  }

  private void discardUncommitted(Set<Path> committed) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(staging)) {
      for (Path entry : entries) {
        if (!committed.contains(entry.toAbsolutePath().normalize())) {
          Directories.deleteRecursively(entry);
        }
      }
    }
  }

  private void replaceTarget() throws IOException {
    if (!Files.exists(target)) {
      rename(staging, target);
      return;
    }
    // The staging folder's owner and id, so that a write killed mid-swap can be undone by the next one.
    Path old = target.resolveSibling(staging.getFileName().toString().replace(STAGING_INFIX, OLD_INFIX));
    rename(target, old);
    try {
      rename(staging, target);
    } catch (IOException | RuntimeException e) {
      try {
        rename(old, target);
      } catch (IOException | RuntimeException restore) {
        e.addSuppressed(restore);
      }
      throw e;
    }
    Directories.deleteRecursively(old);
  }

  private void appendToTarget() throws IOException {
    if (!Files.exists(target)) {
      rename(staging, target);
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new IOException("cannot append to " + target + ": it is a file, not a directory");
    }
    // From here on the staging folder holds only committed files: a write that finds it after a
    // kill finishes the moves rather than losing half of an append.
    Files.createFile(staging.resolve(APPENDING_MARKER));
    moveInto(staging, target);
  }

  /** Moves a committed staging folder's files into {@code target} under free names, marks success, deletes it. */
  private static void moveInto(Path staging, Path target) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(staging)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.equals(SUCCESS_MARKER) || name.equals(APPENDING_MARKER)) {
          continue;
        }
        rename(entry, freeName(target, name));
      }
    }
    Files.deleteIfExists(target.resolve(SUCCESS_MARKER));
    Files.createFile(target.resolve(SUCCESS_MARKER));
    Directories.deleteRecursively(staging);
  }

  /** {@code name} in the target, or {@code <base>-<n><extension>} with the first free n. */
  private static Path freeName(Path target, String name) {
    Path candidate = target.resolve(name);
    int dot = name.indexOf('.');
    String base = dot < 0 ? name : name.substring(0, dot);
    String extension = dot < 0 ? "" : name.substring(dot);
    for (int n = 1; Files.exists(candidate); n++) {
      candidate = target.resolve(base + "-" + n + extension);
    }
    return candidate;
  }

  private static void rename(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }
}
