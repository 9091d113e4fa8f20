package dev.ember.sql.integration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds a local cluster's processes (descendants of this JVM, by main class) and the TCP ports
 * they listen on, from Linux's {@code /proc} (the socket inodes among a process's open files,
 * matched against {@code /proc/net/tcp} and {@code tcp6} rows in state LISTEN).
 */
final class ClusterProcesses {
  private ClusterProcesses() {}

  static boolean canListPorts() {
    return Files.isReadable(Path.of("/proc/net/tcp")) && Files.isDirectory(Path.of("/proc/self/fd"));
  }

  /** This JVM's descendants whose command line names {@code mainClass}. */
  static List<ProcessHandle> running(String mainClass) {
    return ProcessHandle.current().descendants()
        .filter(process -> process.info().commandLine().orElse("").contains(mainClass)).toList();
  }

  /** The command lines of this JVM's descendants. */
  static List<String> commandLines() {
    return ProcessHandle.current().descendants().map(process -> process.info().commandLine().orElse("")).toList();
  }

  /** The TCP ports {@code process} listens on. */
  static List<Integer> listeningPorts(ProcessHandle process) throws IOException {
    Set<String> socketInodes = new HashSet<>();
    try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
      for (Path descriptor : descriptors.toList()) {
        try {
          String target = Files.readSymbolicLink(descriptor).toString();
          if (target.startsWith("socket:[")) {
            socketInodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // The descriptor closed between listing and reading it.
        }
      }
    }
    List<Integer> ports = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.isReadable(path)) {
        continue;
      }
      // One read: the table changes while other processes open and close sockets.
      List<String> lines = Files.readAllLines(path);
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] fields = line.trim().split("\\s+");
        boolean listening = fields[3].equals("0A");
        if (listening && socketInodes.contains(fields[9])) {
          String local = fields[1];
          ports.add(Integer.parseInt(local.substring(local.indexOf(':') + 1), 16));
        }
      }
    }
    return ports;
  }
}
