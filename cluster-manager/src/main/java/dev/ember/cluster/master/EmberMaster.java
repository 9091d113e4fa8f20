package dev.ember.cluster.master;

import dev.ember.cluster.launch.CommandLineArguments;
import dev.ember.cluster.launch.DaemonSettings;
import dev.ember.cluster.launch.Daemons;
import dev.ember.cluster.MasterUrl;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/ember master [--host H] [--port P]}: runs a standalone master until the process is
 * stopped. Binds to loopback unless a host is given; port 0 picks a free one. Prints
 * "{@value #LISTENING} ember://host:port" once it listens (local-cluster waits for that line).
 */
public final class EmberMaster {
  public static final String LISTENING = Daemons.MASTER_LISTENING;
  static final String USAGE = "usage: ember master [--host HOST] [--port PORT]   (defaults: 127.0.0.1, "
      + MasterUrl.DEFAULT_PORT + ")";

  private EmberMaster() {}

  public static void main(String[] arguments) throws InterruptedException {
    CommandLineArguments command = CommandLineArguments.parse(arguments, Set.of("host", "port", "parent-pid"), USAGE);
    Map<String, String> settings = DaemonSettings.fromEnvironment();
    CountDownLatch stopped = new CountDownLatch(1);
    try (Master master = Master.start(command.option("host", "127.0.0.1"),
        command.intOption("port", MasterUrl.DEFAULT_PORT, USAGE), DaemonSettings.network(),
        DaemonSettings.heartbeatInterval(settings), Master.maxExecutorRetries(settings))) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "ember-master-shutdown"));
      DaemonSettings.stopWithParent(command.option("parent-pid", null), stopped::countDown);
      System.out.println(LISTENING + " " + new MasterUrl.Standalone(master.host(), master.port()).url());
      stopped.await();
    }
  }
}
