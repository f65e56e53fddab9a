package io.gpuagent.http;

import io.gpuagent.config.AgentConfig;
import io.gpuagent.config.ConfigException;
import io.gpuagent.config.HttpLimits;
import io.gpuagent.export.AgentCollector;
import io.gpuagent.problem.OneLine;
import io.gpuagent.source.Supervisor;
import io.gpuagent.web.TlsFactory;
import io.gpuagent.web.WebConfig;
import io.gpuagent.web.WebConfigException;
import io.gpuagent.web.WebConfigMetrics;
import io.gpuagent.web.WebConfigWatcher;
import io.gpuagent.web.WebSecurity;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The HTTP part of the agent: the listener on {@code --listen}, TLS and basic auth from {@code --web-config-file}
 * (re-read on change), and the contract's endpoints. {@link #load} reads the configuration before anything
 * starts, so a bad one stops the agent at once; {@link #serve} opens the port last.
 */
public final class HttpAssembly {

    private static final Logger LOG = System.getLogger("io.gpuagent");
    /** How often the web-config file and the files it names are checked for changes. */
    private static final Duration WEB_CONFIG_CHECK = Duration.ofSeconds(3);
    private static final int MAX_REQUEST_LINE = 4096;
    private static final int MAX_HEADERS = 16384;
    /** How often the connections' deadlines are checked: a timeout is enforced within this much of its value. */
    private static final Duration DEADLINE_CHECK = Duration.ofMillis(250);
    private static final Logger HTTP_LOG = System.getLogger("io.gpuagent.http");
    /** Accepted sockets beyond the guard's limit: being refused, or cut to make room, at one moment. */
    private static final int IN_FLIGHT = 16;
    /** Helidon's idle check: every minute, a minute past the guard's idle timeout. */
    private static final Duration IDLE_BACKSTOP = Duration.ofMinutes(1);

    private final AgentConfig config;
    private final Optional<WebSecurity> security;
    private final Optional<TlsFactory.ServerTls> tls;

    private HttpAssembly(AgentConfig config, Optional<WebSecurity> security, Optional<TlsFactory.ServerTls> tls) {
        this.config = config;
        this.security = security;
        this.tls = tls;
    }

    /** Reads {@code --web-config-file}, if given, and its certificates. */
    public static HttpAssembly load(AgentConfig config) throws ConfigException {
        if (config.webConfigFile().isEmpty()) {
            return new HttpAssembly(config, Optional.empty(), Optional.empty());
        }
        try {
            WebConfig web = WebConfig.load(config.webConfigFile().get());
            LOG.log(Level.INFO, "web config: " + web);
            Optional<TlsFactory.ServerTls> tls = web.tls().isEmpty() ? Optional.empty()
                    : Optional.of(TlsFactory.create(web.tls().get()));
            return new HttpAssembly(config, Optional.of(new WebSecurity(web)), tls);
        } catch (WebConfigException e) {
            throw new ConfigException("--web-config-file", e.getMessage());
        }
    }

    /** Re-reads the web config on change, from a watched loop, with its own metrics in {@code registry}. */
    public void watchWebConfig(Supervisor supervisor, PrometheusRegistry registry) {
        security.ifPresent(sec -> {
            WebConfigWatcher watcher = new WebConfigWatcher(config.webConfigFile().orElseThrow(), sec, tls);
            registry.register(new WebConfigMetrics(watcher));
            supervisor.task("web-config", WEB_CONFIG_CHECK, watcher::check);
        });
    }

    /**
     * Opens the port and serves {@code /metrics} from {@code registry}, {@code /healthz} and {@code /readyz} from
     * {@code health}, within the configured {@link io.gpuagent.config.HttpLimits}: their deadlines are checked on a
     * watched loop of {@code loops}, their counts go to {@code registry}.
     *
     * @param generation what the page is made of, for rendering each collection once per kind of request
     * @throws ConfigException when the port cannot be opened (e.g. it is taken)
     */
    public WebServer serve(Supervisor loops, PrometheusRegistry registry, Health health,
            Supplier<AgentCollector.Generation> generation) throws ConfigException {
        HttpLimits limits = config.httpLimits();
        ConnectionGuard guard = new ConnectionGuard(limits, System::nanoTime);
        RejectionLog rejections = new RejectionLog(guard::rejections, limits, System::nanoTime);
        GuardedHttp1 http1 = new GuardedHttp1(guard, Http1Config.builder()
                .maxPrologueLength(MAX_REQUEST_LINE).maxHeadersSize(MAX_HEADERS),
                tls.isPresent() ? tls.get()::handshaking : thread -> false);
        tls.ifPresent(t -> t.afterHandshakeWork(http1::handshakeWorkDone));
        try {
            WebServerConfig.Builder builder = WebServer.builder()
                    .host(config.listenHost().isEmpty() ? "0.0.0.0" : config.listenHost())
                    .port(config.listenPort())
                    .featuresDiscoverServices(false)
                    // A response goes out in several writes (headers, gzip header, body chunks): with
                    // Nagle's algorithm a keep-alive scraper's delayed ACK holds each scrape ~40 ms.
                    .connectionOptions(o -> o.tcpNoDelay(true))
                    // Nothing here takes a body; request lines and headers are small (a long query string
                    // is 414, big headers 431).
                    .maxPayloadSize(0)
                    // HTTP/1.1 only, through the guard: no protocol found on the class path adds a selector
                    .protocolsDiscoverServices(false)
                    .addConnectionSelector(http1)
                    // Helidon's own bounds, behind the guard's. Its cap on accepted sockets stops accepting (the
                    // kernel queues the rest) rather than refusing: set a little above the guard's limit, it bounds
                    // the connections being refused or cut at a given moment, so a flood waits in the kernel's
                    // accept queue instead of as threads and buffers in the agent. Its idle check runs while a
                    // connection waits for a request line (not for headers) and cannot say why it closed one: a
                    // backstop for the guard's idle timeout.
                    .maxTcpConnections(limits.maxConnections() + IN_FLIGHT)
                    .idleConnectionTimeout(limits.idleTimeout().plus(IDLE_BACKSTOP))
                    .idleConnectionPeriod(IDLE_BACKSTOP)
                    .routing(r -> {
                        security.ifPresent(r::addFilter);
                        AgentRoutes.routing(r, registry, health, Optional.of(generation));
                    });
            tls.ifPresent(t -> builder.tls(t.tls()));
            WebServer server = builder.build().start();
            if (!server.isRunning()) {
                throw new IllegalStateException("the listener did not start (address in use?)");
            }
            registry.register(new ConnectionMetrics(guard));
            loops.task("http-connections", DEADLINE_CHECK, () -> {
                guard.sweep();
                rejections.poll().ifPresent(line -> HTTP_LOG.log(Level.INFO, line));
            });
            return server;
        } catch (RuntimeException e) {
            throw new ConfigException("--listen", "cannot listen on " + config.listenAddress() + ": " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : OneLine.of(t.getMessage());
    }
}
