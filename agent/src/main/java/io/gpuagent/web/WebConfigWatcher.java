package io.gpuagent.web;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Re-reads the web-config file, and the certificate, key and CA files it names, when their content changes
 * (a rotated cert-manager Secret, an edited user list): checked on each call (every few seconds from a loop).
 * A change that does not load is logged once with its reason and the running configuration stays. Certificates,
 * keys, client CAs, users and headers change live; TLS on/off, versions, suites and the client-auth mode need a
 * restart.
 */
public final class WebConfigWatcher {

    private static final Logger LOG = System.getLogger("io.gpuagent.web");

    private final Path file;
    private final WebSecurity security;
    private final Optional<TlsFactory.ServerTls> tls;
    private byte[] applied;
    private byte[] failed;
    private volatile boolean lastReloadOk = true;
    private volatile long reloads;

    public WebConfigWatcher(Path file, WebSecurity security, Optional<TlsFactory.ServerTls> tls) {
        this.file = file;
        this.security = security;
        this.tls = tls;
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
            if (next.tls().isPresent() != tls.isPresent()) {
                throw new WebConfigException(file + ": TLS cannot be turned " + (next.tls().isPresent() ? "on" : "off")
                        + " while the agent runs; restart it to apply");
            }
            if (next.tls().isPresent()) {
                tls.orElseThrow().reload(next.tls().get());
            }
            security.update(next);
            applied = nextDigest;
            failed = null;
            lastReloadOk = true;
            reloads++;
            LOG.log(Level.INFO, "web config reloaded from " + file + ": " + next);
        } catch (WebConfigException e) {
            failed(now, e.getMessage());
        } catch (RuntimeException e) { // e.g. the server refusing the new TLS: logged in full, it is a bug
            LOG.log(Level.ERROR, "web config reload failed", e);
            failed(now, e.toString());
        }
    }

    private void failed(byte[] digest, String why) {
        LOG.log(Level.ERROR, "web config change not applied, keeping the running one: " + why);
        failed = digest;
        lastReloadOk = false;
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
