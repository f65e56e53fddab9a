package io.gpuagent.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.testing.Gen;
import io.gpuagent.testing.Properties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web-config file is read at start and on every change: whatever is in it, loading either gives a
 * configuration or a {@link WebConfigException} naming the file, never another exception (which would end the
 * watcher's reload or the start with a stack trace).
 */
class WebConfigPropertiesTest {

    @TempDir
    static Path dir;
    static String hash;

    @BeforeAll
    static void pki() throws Exception {
        TestPki pki = new TestPki(dir);
        pki.issue("server", TestPki.KeyForm.EC_SEC1, "IP:127.0.0.1");
        hash = TestPki.htpasswd("prometheus", "s3cret", 4);
    }

    private static final String[] KEYS = {"tls_server_config", "cert_file", "key_file", "cert", "key", "client_auth_type",
        "client_ca_file", "client_allowed_sans", "min_version", "max_version", "cipher_suites",
        "prefer_server_cipher_suites", "curve_preferences", "http_server_config", "http2", "headers",
        "basic_auth_users", "X-Frame-Options", "prometheus"};
    private static final String[] VALUES = {"server.crt", "server.key", "ca.crt", "TLS12", "TLS13", "TLS11",
        "RequireAndVerifyClientCert", "VerifyClientCertIfGiven", "NoClientCert", "true", "false", "yes", "~", "[]",
        "{}", "[X25519, CurveP256]", "[TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]", "deny", "'$2y$04$x'", "0x10",
        "\"\\x\"", "\"\\UFFFFFFFF\"", "&a [*a]", "*a", "!!binary AAAA", "!!set {a, b}", "1e999", "-.inf", ".nan"};

    /** A web-config-shaped document: nested mappings of known keys and odd values. */
    static String document(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        int lines = Gen.between(r, 0, 12);
        for (int i = 0; i < lines; i++) {
            b.append("  ".repeat(Gen.between(r, 0, 2))).append(Gen.oneOf(r, KEYS)).append(':');
            if (r.nextInt(3) > 0) {
                b.append(' ').append(r.nextInt(8) == 0 ? Gen.text(r, 12) : Gen.oneOf(r, VALUES));
            }
            b.append(r.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        return b.toString();
    }

    String valid() {
        return "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  min_version: TLS12\n"
                + "http_server_config:\n  headers:\n    X-Frame-Options: deny\nbasic_auth_users:\n  prometheus: '" + hash
                + "'\n";
    }

    private static void loadsOrRefuses(Path file, byte[] content) {
        try {
            Files.write(file, content);
            WebConfig.load(file);
        } catch (WebConfigException e) {
            assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anyWebConfigShapedDocumentLoadsOrIsRefusedWithTheFileNamed() {
        Path f = dir.resolve("shaped.yml");
        Properties.forAll("web-config shaped documents", 2000, WebConfigPropertiesTest::document,
                text -> loadsOrRefuses(f, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCorruptedValidFileLoadsOrIsRefusedWithTheFileNamed() {
        Path f = dir.resolve("corrupted.yml");
        String valid = valid();
        Properties.forAll("corrupted valid web configs", 2000, r -> Gen.corrupt(r, valid),
                text -> loadsOrRefuses(f, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void arbitraryBytesAreRefusedWithTheFileNamed() {
        Path f = dir.resolve("bytes.yml");
        Properties.forAll("arbitrary bytes", 2000, r -> Gen.bytes(r, 300), bytes -> loadsOrRefuses(f, bytes));
    }
}
