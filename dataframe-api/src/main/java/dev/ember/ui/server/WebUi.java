package dev.ember.ui.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ember.core.logging.LazyLogger;
import dev.ember.ui.api.ApiResponse;
import dev.ember.ui.api.RestApi;
import dev.ember.ui.render.Pages;
import dev.ember.ui.status.AppStatusStore;
import dev.ember.ui.status.ApplicationInfo;
import dev.ember.ui.status.JobData;
import dev.ember.ui.status.StageData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The web UI of one live application or of the replayed ones (history): pages under {@code
 * /jobs/}, {@code /stages/}, {@code /executors/}, {@code /storage/} (in the history server under
 * {@code /history/<appId>/...}), the REST API under {@code /api/v1}, and assets under {@code
 * /static/}. Bound to 127.0.0.1 only: the UI shows plans and data samples, which must not reach the
 * network by default.
 *
 * <p><b>Threads.</b> The JDK server's dispatcher thread accepts; two {@code ember-ui-http-*}
 * threads answer, reading the stores (which are thread-safe). {@link #close()} stops both.
 */
public final class WebUi implements AutoCloseable {
  private static final LazyLogger LOG = new LazyLogger(WebUi.class);
  /** Spark's {@code spark.port.maxRetries}: ports tried after the one asked for. */
  public static final int PORT_RETRIES = 16;
  private static final String STATIC_ROOT = "/dev/ember/ui/static/";
  private static final AtomicInteger NEXT_THREAD = new AtomicInteger();

  private final HttpServer server;
  private final ExecutorService handlers;
  private final Supplier<List<AppStatusStore>> applications;
  private final RestApi api;
  private final boolean history;

  private WebUi(HttpServer server, ExecutorService handlers, Supplier<List<AppStatusStore>> applications, boolean history) {
    this.server = server;
    this.handlers = handlers;
    this.applications = applications;
    this.api = new RestApi(applications);
    this.history = history;
  }

  /**
   * Starts the UI of {@code applications} on 127.0.0.1:{@code port}, or the next free port among
   * the following {@link #PORT_RETRIES}, or, when all are taken, any free port (0 takes any free port). {@code history} serves several
   * applications under {@code /history/<appId>/}.
   *
   * @throws IllegalStateException when no port could be bound
   */
  public static WebUi start(Supplier<List<AppStatusStore>> applications, int port, boolean history) {
    Objects.requireNonNull(applications, "applications is null");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("ember.ui.port must be 0..65535, got " + port);
    }
    InetAddress loopback = InetAddress.getLoopbackAddress();
    IOException last = null;
    int tries = port == 0 ? 1 : PORT_RETRIES + 1;
    // The ports asked for, then (all taken, as when many sessions share a machine) any free port.
    for (int attempt = 0; attempt <= tries; attempt++) {
      int candidate = attempt == tries ? 0 : port + attempt;
      if (candidate > 65535 || (attempt == tries && port == 0)) {
        continue;
      }
      HttpServer server;
      try {
        server = HttpServer.create(new InetSocketAddress(loopback, candidate), 0);
      } catch (BindException taken) {
        last = taken;
        continue;
      } catch (IOException e) {
        throw new IllegalStateException("could not start the web UI on port " + candidate + ": " + e.getMessage(), e);
      }
      if (attempt == tries) {
        LOG.get().warn("ports {}..{} are taken: the web UI took port {}", port, port + tries - 1,
            server.getAddress().getPort());
      }
      ExecutorService handlers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "ember-ui-http-" + NEXT_THREAD.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
      server.setExecutor(handlers);
      WebUi ui = new WebUi(server, handlers, applications, history);
      server.createContext("/", ui::handle);
      server.start();
      return ui;
    }
    throw new IllegalStateException("could not start the web UI: port " + port + ", the " + PORT_RETRIES
        + " after it and any free port failed (set ember.ui.port, or ember.ui.enabled=false)", last);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting, ends the handler threads; idempotent. */
  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
    try {
      if (!handlers.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.get().warn("web UI handler threads did not end within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        send(exchange, 405, "text/plain", "only GET");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      if (path.startsWith(RestApi.PREFIX)) {
        ApiResponse answer = api.get(path, query);
        send(exchange, answer.status(), "application/json", answer.json());
      } else if (path.startsWith("/static/")) {
        asset(exchange, path.substring("/static/".length()));
      } else {
        page(exchange, path, query);
      }
    } catch (RuntimeException e) {
      // A page that fails must not end the handler thread; the log says why.
      LOG.get().warn("web UI request {} failed", exchange.getRequestURI(), e);
      try {
        send(exchange, 500, "text/plain", "internal error: " + e);
      } catch (IOException ignored) {
        // The client went away.
      }
    }
  }

  private void page(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
    List<AppStatusStore> apps = applications.get();
    String base = "";
    AppStatusStore store;
    String rest = path;
    if (history) {
      if (path.equals("/") || !path.startsWith("/history/")) {
        send(exchange, 200, "text/html", Pages.applications(apps.stream().map(AppStatusStore::application).toList()));
        return;
      }
      String tail = path.substring("/history/".length());
      int slash = tail.indexOf('/');
      String appId = slash < 0 ? tail : tail.substring(0, slash);
      rest = slash < 0 ? "/" : tail.substring(slash);
      base = "/history/" + appId;
      Optional<AppStatusStore> found = apps.stream().filter(app -> app.application().id().equals(appId)).findFirst();
      if (found.isEmpty()) {
        send(exchange, 404, "text/plain", "unknown application " + appId);
        return;
      }
      store = found.get();
    } else {
      if (apps.isEmpty()) {
        send(exchange, 404, "text/plain", "no application");
        return;
      }
      store = apps.get(0);
    }
    ApplicationInfo app = store.application();
    String html = switch (rest) {
      case "/", "" -> null;
      case "/jobs", "/jobs/" -> Pages.jobs(base, app, store.jobs());
      case "/jobs/job", "/jobs/job/" -> {
        Optional<JobData> job = intParameter(query, "id").flatMap(store::job);
        if (job.isEmpty()) {
          yield "";
        }
        List<StageData> stages = store.stages().stream().filter(stage -> stage.jobId() == job.get().jobId())
            .sorted((a, b) -> a.stageId() != b.stageId() ? Integer.compare(a.stageId(), b.stageId())
                : Integer.compare(a.attemptId(), b.attemptId()))
            .toList();
        yield Pages.job(base, app, job.get(), store.jobGraph(job.get().jobId()).orElse(null), stages,
            store.execution(job.get().jobId()).orElse(null));
      }
      case "/SQL", "/SQL/" -> Pages.executions(base, app, store.executions());
      case "/SQL/execution", "/SQL/execution/" -> {
        // An execution is its job: its page is the job's, whose plan shows the operators' metrics.
        Optional<JobData> job = intParameter(query, "id").flatMap(store::job);
        if (job.isEmpty()) {
          yield "";
        }
        yield Pages.job(base, app, job.get(), store.jobGraph(job.get().jobId()).orElse(null),
            store.stages().stream().filter(stage -> stage.jobId() == job.get().jobId())
                .sorted((a, b) -> a.stageId() != b.stageId() ? Integer.compare(a.stageId(), b.stageId())
                    : Integer.compare(a.attemptId(), b.attemptId())).toList(),
            store.execution(job.get().jobId()).orElse(null));
      }
      case "/stages", "/stages/" -> Pages.stages(base, app, store.stages());
      case "/stages/stage", "/stages/stage/" -> {
        List<StageData> attempts = intParameter(query, "id").map(store::stage).orElse(List.of());
        yield attempts.isEmpty() ? "" : Pages.stage(base, app, attempts);
      }
      case "/executors", "/executors/" -> Pages.executors(base, app, store.executors());
      case "/storage", "/storage/" -> Pages.storage(base, app, store.storage());
      default -> "";
    };
    if (html == null) {
      exchange.getResponseHeaders().set("Location", base + "/jobs/");
      send(exchange, 302, "text/plain", "see " + base + "/jobs/");
    } else if (html.isEmpty()) {
      send(exchange, 404, "text/plain", "not found: " + path + (query.isEmpty() ? "" : " " + query));
    } else {
      send(exchange, 200, "text/html", html);
    }
  }

  private static Optional<Integer> intParameter(Map<String, String> query, String name) {
    try {
      return Optional.ofNullable(query.get(name)).map(String::trim).map(Integer::valueOf);
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
  }

  private static void asset(HttpExchange exchange, String name) throws IOException {
    if (name.contains("..") || name.contains("/")) {
      send(exchange, 404, "text/plain", "not found");
      return;
    }
    try (InputStream input = WebUi.class.getResourceAsStream(STATIC_ROOT + name)) {
      if (input == null) {
        send(exchange, 404, "text/plain", "no asset " + name);
        return;
      }
      String type = name.endsWith(".css") ? "text/css" : name.endsWith(".js") ? "text/javascript" : "application/octet-stream";
      send(exchange, 200, type, input.readAllBytes());
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return parameters;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      parameters.put(key, value);
    }
    return parameters;
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    send(exchange, status, type + "; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : (body.length == 0 ? -1 : body.length));
    if (!head && body.length > 0) {
      try (OutputStream output = exchange.getResponseBody()) {
        output.write(body);
      }
    }
  }
}
