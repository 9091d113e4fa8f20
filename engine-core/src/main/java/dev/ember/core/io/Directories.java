package dev.ember.core.io;

import dev.ember.core.logging.LazyLogger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** File-tree chores shared by the writers, the shuffle and the spill files. */
public final class Directories {
  private static final LazyLogger LOG = new LazyLogger(Directories.class);
  /**
   * {@code ember-<owner tag>-<uuid>}: a session's (executor's) folder under {@code ember.local.dir};
   * compiled by the first reclaim (on its own thread), not by the session start that creates a folder.
   */
  private static final class SessionFolderPattern {
    static final Pattern SESSION_FOLDER =
        Pattern.compile("ember-(p[0-9]+s[0-9]+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  /** Names tried before createSessionFolder gives up: a clash of 122 random bits is already next to impossible. */
  private static final int MAX_NAME_ATTEMPTS = 8;

  /** The stop condition of a reclaim that runs to its end. */
  private static final BooleanSupplier NEVER_STOP = new NeverStop();

  private Directories() {}

  /**
   * Creates this process's session folder {@code <localDirectory>/ember-<owner>-<uuid>} (see
   * {@link ProcessOwner}), after reclaiming the folders of sessions whose process is gone.
   *
   * @throws IOException when the folder cannot be created
   */
  public static Path createSessionFolder(Path localDirectory) throws IOException {
    Files.createDirectories(localDirectory);
    reclaimSessionFolders(localDirectory);
    return createOwnSessionFolder(localDirectory);
  }

  /**
   * Creates this process's session folder {@code <localDirectory>/ember-<owner>-<uuid>} without
   * reclaiming others (a session's start does that on a thread of its own, see
   * {@link SessionFolderReclaim}).
   *
   * @throws IOException when the folder cannot be created
   */
  public static Path createOwnSessionFolder(Path localDirectory) throws IOException {
    Files.createDirectories(localDirectory);
    String prefix = "ember-" + ProcessOwner.current().tag() + "-";
    for (int attempt = 1; ; attempt++) {
      try {
        // createDirectory fails on an existing name, so a clash (or a planted folder) is never shared.
        return Files.createDirectory(localDirectory.resolve(prefix + randomName()));
      } catch (FileAlreadyExistsException clash) {
        if (attempt == MAX_NAME_ATTEMPTS) {
          throw clash;
        }
      }
    }
  }

  /**
   * A random name in the form of a UUID (version 4), from {@link ThreadLocalRandom}: unique enough
   * for folder names whose creation fails on a clash, and without {@link UUID#randomUUID()}'s
   * {@code SecureRandom}, whose seeding costs a fresh JVM tens of milliseconds of a session's start.
   * Not a secret: nothing relies on the name being unguessable.
   */
  public static String randomName() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
    long leastSignificant = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
    // UUID's own text form as UUID.toString writes it, by hand: that method's first call loads and
    // links a formatter (5% of a fresh JVM's session start).
    char[] text = new char[36];
    hex(mostSignificant >>> 32, 8, text, 0);
    text[8] = '-';
    hex(mostSignificant >>> 16, 4, text, 9);
    text[13] = '-';
    hex(mostSignificant, 4, text, 14);
    text[18] = '-';
    hex(leastSignificant >>> 48, 4, text, 19);
    text[23] = '-';
    hex(leastSignificant, 12, text, 24);
    return new String(text);
  }

  /** The low {@code digits} hex digits of {@code value}, lower case, into {@code text} from {@code at}. */
  private static void hex(long value, int digits, char[] text, int at) {
    for (int i = digits - 1; i >= 0; i--) {
      text[at + i] = Character.forDigit((int) (value & 0xF), 16);
      value >>>= 4;
    }
  }

  /**
   * Deletes the session folders under {@code localDirectory} whose owner process is gone (killed or
   * crashed before it could clean up); folders of live processes, and anything else, stay.
   *
   * @return the folders deleted
   */
  public static List<Path> reclaimSessionFolders(Path localDirectory) {
    return reclaimSessionFolders(localDirectory, NEVER_STOP);
  }

  /**
   * As {@link #reclaimSessionFolders(Path)}, stopping before the next folder once {@code stopRequested}
   * says so (the session that started the reclaim is closing).
   */
  static List<Path> reclaimSessionFolders(Path localDirectory, BooleanSupplier stopRequested) {
    List<Path> reclaimed = new ArrayList<>();
    List<Path> entries = new ArrayList<>();
    // java.io.File's listing of names: neither Files.list's stream pipeline nor a directory stream,
    // whose first use spins a lambda class, as this runs while every session starts.
    String[] names = localDirectory.toFile().list();
    if (names == null) {
      // Missing: nothing to reclaim. Present but unlistable (not a directory, no permission): said.
      if (Files.exists(localDirectory)) {
        LOG.get().warn("Cannot list {} to reclaim the folders of stopped sessions: it is not a readable directory",
            localDirectory);
      }
      return reclaimed;
    }
    for (String name : names) {
      entries.add(localDirectory.resolve(name));
    }
    for (Path entry : entries) {
      if (stopRequested.getAsBoolean()) {
        break;
      }
      String name = entry.getFileName().toString();
      // A shared temporary directory holds many other entries: only Ember's are matched.
      if (!name.startsWith("ember-")) {
        continue;
      }
      Matcher matcher = SessionFolderPattern.SESSION_FOLDER.matcher(name);
      if (!matcher.matches() || !Files.isDirectory(entry)) {
        continue;
      }
      Optional<ProcessOwner> owner = ProcessOwner.parse(matcher.group(1));
      // This process's folders (the session that started the scan has just made one) are alive
      // without asking ProcessHandle, whose first use costs a fresh JVM tens of milliseconds.
      if (owner.isPresent() && !owner.get().equals(ProcessOwner.current()) && !owner.get().isAlive()) {
        try {
          deleteRecursively(entry);
          reclaimed.add(entry);
          LOG.get().info("Deleted {}: the session folder of process {}, which is gone", entry, owner.get().pid());
        } catch (UncheckedIOException failed) {
          LOG.get().warn("Cannot delete {}, the folder of a stopped session: {}", entry, failed.getMessage());
        }
      }
    }
    return reclaimed;
  }

  /**
   * Deletes {@code root} and everything below it; a tree that is already (partly) gone is fine.
   *
   * @throws UncheckedIOException naming the path when something cannot be deleted
   */
  public static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
          if (failure instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
          }
          throw failure;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
          if (failure != null) {
            throw failure;
          }
          Files.deleteIfExists(directory);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException alreadyGone) {
      // Deleted by someone else in the meantime: the goal is reached.
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + root + ": " + e.getMessage(), e);
    }
  }

  private static final class NeverStop implements BooleanSupplier {
    @Override
    public boolean getAsBoolean() {
      return false;
    }
  }
}
