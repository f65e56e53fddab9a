package io.gpuagent.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the web-config file asks of every request: basic auth against bcrypt hashes and extra response
 * headers. The configuration is swapped whole on reload. The probes' paths ({@code /healthz},
 * {@code /readyz}) stay open so a kubelet can probe without holding a password; they say only whether the
 * agent is alive and ready.
 *
 * <p>bcrypt is slow on purpose (tens of milliseconds at cost 10): a verified (user, password, hash) is
 * remembered, as the toolkit does, so a scraper pays once per configuration, and verifications run one at a
 * time so a flood of wrong passwords costs at most one core.
 */
public final class WebSecurity implements Filter {

    private static final Set<String> OPEN_PATHS = Set.of("/healthz", "/readyz");
    private static final int MAX_REMEMBERED = 1024;
    /** A valid hash of a random password, verified against for unknown users so timing does not reveal names. */
    private static final byte[] DUMMY_HASH = "$2y$10$TIjvieleVSVjfEit8uUjE.ruI7v4lTqtsJJSLAwmIUjJX.yXb7lru"
            .getBytes(StandardCharsets.US_ASCII);

    private final AtomicReference<WebConfig> config;
    private final Map<String, Boolean> verified = new ConcurrentHashMap<>();
    private final Semaphore bcryptSlots = new Semaphore(1, true);

    public WebSecurity(WebConfig initial) {
        this.config = new AtomicReference<>(initial);
    }

    /** Takes a newly loaded configuration (same TLS mode); remembered verifications are dropped. */
    public void update(WebConfig next) {
        config.set(next);
        verified.clear();
    }

    public WebConfig current() {
        return config.get();
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        WebConfig c = config.get();
        c.headers().forEach((name, value) -> res.header(HeaderNames.create(name), value));
        if (c.users().isEmpty() || OPEN_PATHS.contains(req.path().path())) {
            chain.proceed();
            return;
        }
        if (authorized(c, req.headers().first(HeaderNames.AUTHORIZATION))) {
            chain.proceed();
            return;
        }
        res.status(Status.UNAUTHORIZED_401)
                .header(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"gpu-agent\", charset=\"UTF-8\"")
                .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .send("Unauthorized\n");
    }

    boolean authorized(WebConfig c, Optional<String> header) {
        if (header.isEmpty() || header.get().length() > 4096
                || !header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.get().substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        String hash = c.users().get(user);
        String key = fingerprint(user, password, hash == null ? "" : hash);
        if (hash != null && verified.containsKey(key)) {
            return true;
        }
        boolean ok;
        bcryptSlots.acquireUninterruptibly();
        try {
            byte[] pw = password.getBytes(StandardCharsets.UTF_8);
            if (pw.length > 72) { // bcrypt reads 72 bytes; more would let a longer wrong password match
                BCrypt.verifyer().verify(new byte[] {'x'}, DUMMY_HASH); // same time as a real check
                return false;
            }
            ok = BCrypt.verifyer().verify(pw, hash == null ? DUMMY_HASH : hash.getBytes(StandardCharsets.US_ASCII))
                    .verified && hash != null;
        } catch (IllegalArgumentException e) { // the library refuses what bcrypt cannot take (e.g. 72 bytes + NUL)
            return false;
        } finally {
            bcryptSlots.release();
        }
        if (ok) {
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(key, Boolean.TRUE);
        }
        return ok;
    }

    /** A digest, so the map never holds a password. */
    private static String fingerprint(String user, String password, String hash) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String s : new String[] {user, password, hash}) {
                d.update(s.getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            return Base64.getEncoder().encodeToString(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the runtime", e);
        }
    }
}
