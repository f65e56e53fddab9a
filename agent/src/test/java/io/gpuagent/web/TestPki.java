package io.gpuagent.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates for the web-config tests, made with the openssl command line (installed by dev/prerequisites),
 * as an operator would: a CA, server and client certificates signed by it, and keys in each PEM form.
 */
public final class TestPki {

    /** The private-key forms the agent reads. */
    public enum KeyForm { EC_SEC1, EC_PKCS8, RSA_PKCS1, RSA_PKCS8, ED25519 }

    private final Path dir;

    public TestPki(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=gpu-agent test CA");
    }

    public Path ca() {
        return dir.resolve("ca.crt");
    }

    /**
     * A server certificate ({@code server.crt}, an EC key in {@code server.key}) for {@code san}, and a web-config
     * file ({@code web.yml}) that serves TLS with it, beside the CA.
     */
    public Path serverWebConfig(String san) throws IOException, InterruptedException {
        issue("server", KeyForm.EC_SEC1, san);
        return Files.writeString(dir.resolve("web.yml"), "tls_server_config:\n  cert_file: server.crt\n"
                + "  key_file: server.key\n");
    }

    /** A client's TLS context that trusts the CA in {@code caFile} and nothing else. */
    public static SSLContext trusting(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    public Path dir() {
        return dir;
    }

    /** {@code name.key} in {@code form}, and {@code name.crt} signed by the CA with these SANs (e.g. {@code IP:127.0.0.1}). */
    public Path[] issue(String name, KeyForm form, String... sans) throws IOException, InterruptedException {
        key(name + ".key", form);
        openssl("req", "-new", "-key", name + ".key", "-subj", "/CN=" + name, "-out", name + ".csr");
        Path ext = Files.writeString(dir.resolve(name + ".ext"),
                sans.length == 0 ? "basicConstraints=CA:FALSE\n" : "subjectAltName=" + String.join(",", sans) + "\n");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", ext.getFileName().toString(), "-out", name + ".crt");
        return new Path[] {dir.resolve(name + ".crt"), dir.resolve(name + ".key")};
    }

    /** A certificate signed by its own key, by no CA the agent trusts. */
    public Path[] selfSigned(String name, String san) throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key",
                "-out", name + ".crt", "-days", "2", "-subj", "/CN=" + name, "-addext", "subjectAltName=" + san);
        return new Path[] {dir.resolve(name + ".crt"), dir.resolve(name + ".key")};
    }

    private void key(String file, KeyForm form) throws IOException, InterruptedException {
        switch (form) {
            case EC_SEC1 -> openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", file);
            case EC_PKCS8 -> openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", file);
            case RSA_PKCS1 -> openssl("genrsa", "-traditional", "-out", file, "2048");
            case RSA_PKCS8 -> openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", file);
            case ED25519 -> openssl("genpkey", "-algorithm", "ed25519", "-out", file);
        }
    }

    /** Runs openssl in the directory; fails with its output when it fails. */
    public String openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        return run(dir, cmd);
    }

    /** A bcrypt hash of {@code password} made by Apache's htpasswd (as the toolkit's docs tell users to). */
    public static String htpasswd(String user, String password, int cost) throws IOException, InterruptedException {
        String line = run(Path.of("."), List.of("htpasswd", "-nbBC", Integer.toString(cost), user, password)).strip();
        return line.substring(line.indexOf(':') + 1);
    }

    static String run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(cmd + " failed: " + out);
        }
        return out;
    }
}
