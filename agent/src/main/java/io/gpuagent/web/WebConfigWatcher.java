package io.gpuagent.web;

import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Re-reads the web-config file, and the certificate, key and CA files it names, when their content changes
 * (a rotated cert-manager Secret, an edited user list): checked on each call (every few seconds from a loop).
 * A change that does not load is logged once with its reason and the running configuration stays; TLS cannot
 * be switched on or off without a restart.
 */
public final class WebConfigWatcher {

    private static final Logger LOG = System.getLogger("io.gpuagent.web");

    private final Path file;
    private final WebSecurity security;
    private final Supplier<WebServer> server;
    private byte[] applied;
    private byte[] failed;
    private volatile boolean lastReloadOk = true;
    private volatile long reloads;

    public WebConfigWatcher(Path file, WebSecurity security, Supplier<WebServer> server) {
        this.file = file;
        this.security = security;
        this.server = server;
        this.applied = digest(security.current());
    }

    /** False after a change that could not be applied, until one is. */
    public boolean lastReloadSuccessful() {
        return lastReloadOk;
    }

    /** Changes applied since start. */
    public long reloads() {
        return reloads;
    }

    public synchronized void check() {
        WebConfig current = security.current();
        byte[] now = digest(current);
        if (Arrays.equals(now, applied) || Arrays.equals(now, failed)) {
            return;
        }
        try {
            WebConfig next = WebConfig.load(file);
            byte[] nextDigest = digest(next); // the set of files may have changed with it
            if (next.tls().isPresent() != current.tls().isPresent()) {
                throw new WebConfigException(file + ": TLS cannot be turned " + (next.tls().isPresent() ? "on" : "off")
                        + " while the agent runs; restart it to apply");
            }
            if (next.tls().isPresent()) {
                server.get().reloadTls(TlsFactory.create(next.tls().get()));
            }
            security.update(next);
            applied = nextDigest;
            failed = null;
            lastReloadOk = true;
            reloads++;
            LOG.log(Level.INFO, "web config reloaded from " + file + ": " + next);
        } catch (WebConfigException | RuntimeException e) {
            failed = now;
            lastReloadOk = false;
            LOG.log(Level.ERROR, "web config change not applied, keeping the running one: " + e.getMessage());
        }
    }

    /** A digest of the content of every file the configuration was read from (missing files count as empty). */
    private byte[] digest(WebConfig c) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (Path p : c.files()) {
                d.update(p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try {
                    d.update(Files.readAllBytes(p));
                } catch (IOException e) {
                    d.update((byte) 1);
                }
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
