package dev.ember.sql.integration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A private test network of Linux network namespaces: a bridge in this (the root) namespace with
 * the address {@code 10.213.S.1/24}, and one namespace per host, each joined to the bridge by a
 * veth pair and given {@code 10.213.S.(10 + index)}. The subnet S and the names carry a random
 * suffix, so that concurrent runs on one machine do not meet. Only this bridge's traffic is
 * involved: nothing is routed outside. {@link #close} kills what runs in the namespaces and
 * removes every namespace, link and the bridge, also after a failed setup.
 */
final class NetworkNamespaces implements AutoCloseable {
  private final String suffix;
  private final int subnet;
  private final Map<String, Integer> hosts = new LinkedHashMap<>();
  private final List<String> created = new ArrayList<>();

  private NetworkNamespaces(String suffix, int subnet) {
    this.suffix = suffix;
    this.subnet = subnet;
  }

  /** Why this machine cannot run the test, or null when it can (root and a working {@code ip netns}). */
  static String unavailableReason() {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return "network namespaces are a Linux feature";
    }
    try {
      if (!run(false, "id", "-u").trim().equals("0")) {
        return "creating network namespaces needs root";
      }
      run(true, "ip", "netns", "list");
      return null;
    } catch (IOException | RuntimeException missing) {
      return "`ip netns` (iproute2) is not available: " + missing.getMessage();
    }
  }

  /** Creates the bridge and one namespace per name in {@code hostNames}. */
  static NetworkNamespaces create(List<String> hostNames) throws IOException {
    Random random = new Random();
    String addresses = run(true, "ip", "-4", "addr");
    int subnet;
    do {
      subnet = 1 + random.nextInt(254);
    } while (addresses.contains("10.213." + subnet + "."));
    NetworkNamespaces network = new NetworkNamespaces(Integer.toHexString(0x1000 + random.nextInt(0xefff)), subnet);
    try {
      network.setUp(hostNames);
      return network;
    } catch (IOException | RuntimeException failed) {
      network.close();
      throw failed;
    }
  }

  private void setUp(List<String> hostNames) throws IOException {
    String bridge = bridge();
    run(true, "ip", "link", "add", bridge, "type", "bridge");
    created.add("link:" + bridge);
    run(true, "ip", "addr", "add", "10.213." + subnet + ".1/24", "dev", bridge);
    run(true, "ip", "link", "set", bridge, "up");
    for (int index = 0; index < hostNames.size(); index++) {
      String host = hostNames.get(index);
      hosts.put(host, index);
      String namespace = namespace(host);
      run(true, "ip", "netns", "add", namespace);
      created.add("netns:" + namespace);
      run(true, "ip", "link", "add", rootLink(host), "type", "veth", "peer", "name", "ei" + suffix + index);
      created.add("link:" + rootLink(host));
      run(true, "ip", "link", "set", "ei" + suffix + index, "netns", namespace);
      run(true, "ip", "link", "set", rootLink(host), "master", bridge);
      run(true, "ip", "link", "set", rootLink(host), "up");
      run(true, "ip", "netns", "exec", namespace, "ip", "addr", "add", address(host) + "/24", "dev", "ei" + suffix + index);
      run(true, "ip", "netns", "exec", namespace, "ip", "link", "set", "ei" + suffix + index, "up");
      run(true, "ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up");
    }
  }

  /** This namespace's address on the bridge (the driver's, for processes in the root namespace). */
  String rootAddress() {
    return "10.213." + subnet + ".1";
  }

  String address(String host) {
    return "10.213." + subnet + "." + (10 + hosts.get(host));
  }

  /** {@code command} prefixed to run inside {@code host}'s namespace. */
  List<String> inside(String host, List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace(host)));
    full.addAll(command);
    return full;
  }

  /** Cuts {@code host} off: its link to the bridge goes down (packets are dropped, no reset is sent). */
  void cut(String host) throws IOException {
    run(true, "ip", "link", "set", rootLink(host), "down");
  }

  private String bridge() {
    return "ebr" + suffix;
  }

  private String namespace(String host) {
    return "ember-" + suffix + "-" + host;
  }

  private String rootLink(String host) {
    return "ev" + suffix + hosts.get(host);
  }

  /** Kills the processes inside the namespaces, then removes them, the links and the bridge; never throws. */
  @Override
  public void close() {
    for (String host : hosts.keySet()) {
      try {
        for (String pid : run(false, "ip", "netns", "pids", namespace(host)).split("\\s+")) {
          if (!pid.isBlank()) {
            ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
      } catch (IOException | RuntimeException ignored) {
        // The namespace may not exist (setup failed before it); removal below is what matters.
      }
    }
    for (int index = created.size() - 1; index >= 0; index--) {
      String[] kind = created.get(index).split(":", 2);
      try {
        if (kind[0].equals("netns")) {
          run(false, "ip", "netns", "del", kind[1]);
        } else {
          run(false, "ip", "link", "del", kind[1]);
        }
      } catch (IOException | RuntimeException ignored) {
        // A veth pair disappears with its namespace; anything else is reported by the next run's setup.
      }
    }
  }

  /** Runs {@code command}; its output; with {@code check}, a failure (non-zero exit) throws with the output. */
  static String run(boolean check, String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in 30 s");
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + String.join(" ", command), interrupted);
    }
    if (check && process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output);
    }
    return output;
  }
}
