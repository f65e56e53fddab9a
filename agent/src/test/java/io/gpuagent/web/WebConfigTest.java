package io.gpuagent.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebConfigTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    static String hash;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki(dir);
        pki.issue("server", TestPki.KeyForm.EC_SEC1, "IP:127.0.0.1");
        pki.issue("other", TestPki.KeyForm.EC_SEC1, "IP:127.0.0.1");
        hash = TestPki.htpasswd("prometheus", "s3cret", 5);
    }

    private static Path write(String name, String yaml) throws Exception {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private static String tls(String extra) {
        return "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n" + extra;
    }

    @ParameterizedTest
    @EnumSource(TestPki.KeyForm.class)
    void everyPemKeyFormOpenSslWritesIsRead(TestPki.KeyForm form) throws Exception {
        pki.issue("k-" + form, form, "DNS:localhost");
        Path f = write("k-" + form + ".yml", "tls_server_config:\n  cert_file: k-" + form + ".crt\n  key_file: k-" + form
                + ".key\n");
        WebConfig c = WebConfig.load(f);
        assertThat(c.tls()).isPresent();
        assertThat(TlsFactory.create(c.tls().get()).tls()).isNotNull();
    }

    @Test
    void aFullFileLoadsWithPathsRelativeToItsDirectory() throws Exception {
        Path f = write("full.yml", tls("""
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: ca.crt
                  client_allowed_sans: [prometheus.monitoring.svc]
                  min_version: TLS13
                  cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]
                  prefer_server_cipher_suites: false
                  curve_preferences: [X25519, CurveP256]
                http_server_config:
                  http2: false
                  headers:
                    x-frame-options: deny
                    Strict-Transport-Security: max-age=31536000
                basic_auth_users:
                  prometheus: '%s'
                """.formatted(hash)));
        WebConfig c = WebConfig.load(f);
        WebConfig.TlsSettings t = c.tls().orElseThrow();
        assertThat(t.clientAuth()).isEqualTo(WebConfig.ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT);
        assertThat(t.clientCaSource()).isEqualTo(dir.resolve("ca.crt").toString());
        assertThat(t.protocols()).containsExactly("TLSv1.3");
        assertThat(t.curves()).containsExactly("x25519", "secp256r1");
        assertThat(t.allowedSans()).containsExactly("prometheus.monitoring.svc");
        assertThat(t.preferServerCipherSuites()).isFalse();
        assertThat(c.headers()).containsEntry("X-Frame-Options", "deny").containsKey("Strict-Transport-Security");
        assertThat(c.users()).containsEntry("prometheus", hash);
        assertThat(c.files()).contains(dir.resolve("server.crt"), dir.resolve("server.key"), dir.resolve("ca.crt"));
        assertThat(TlsFactory.create(t).tls()).isNotNull();
    }

    @Test
    void anEmptyFileOrNoCertificateMeansPlainHttpWithoutAuth() throws Exception {
        WebConfig empty = WebConfig.load(write("empty.yml", "# nothing\n"));
        assertThat(empty.tls()).isEmpty();
        assertThat(empty.users()).isEmpty();
        assertThat(WebConfig.load(write("notls.yml", "tls_server_config: {}\n")).tls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "bogus: 1\n|unknown key \"bogus\"",
        "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  client_auth: x\n|tls_server_config: unknown key \"client_auth\"",
        "basic_auth_users:\n  prometheus: plain-text\n|basic_auth_users.prometheus: not a bcrypt hash (make one with: htpasswd -nBC 10 prometheus)",
        "basic_auth_users:\n  'a:b': '$2y$10$TIjvieleVSVjfEit8uUjE.ruI7v4lTqtsJJSLAwmIUjJX.yXb7lru'\n|contains ':'",
        "basic_auth_users: [a, b]\n|basic_auth_users: must be a mapping, not a list",
        "TLS  min_version: TLS11\n|tls_server_config.min_version: TLS11 is refused: TLS 1.2 is the oldest version served",
        "TLS  min_version: TLS13\n  max_version: TLS12\n|min_version: is above max_version",
        "TLS  min_version: tls1.2\n|\"tls1.2\" is not one of TLS12, TLS13",
        "TLS  client_auth_type: RequireAnyClientCert\n|\"RequireAnyClientCert\" accepts certificates nobody verified",
        "TLS  client_auth_type: RequireAndVerifyClientCert\n|client_ca_file: is required with client_auth_type RequireAndVerifyClientCert",
        "TLS  client_ca_file: ca.crt\n|client_ca_file is set but client certificates are not asked for",
        "TLS  client_auth_type: VerifyClientCertIfGiven\n  client_ca_file: ca.crt\n  client_allowed_sans: [x]\n|client_allowed_sans: needs client_auth_type RequireAndVerifyClientCert",
        "TLS  cipher_suites: [TLS_NOT_A_SUITE]\n|\"TLS_NOT_A_SUITE\" is not a TLS 1.2 cipher suite",
        "TLS  cipher_suites: [TLS_AES_128_GCM_SHA256]\n|TLS 1.3 suites are not configurable",
        "TLS  curve_preferences: [CurveP224]\n|\"CurveP224\" is not one of CurveP256",
        "TLS  prefer_server_cipher_suites: yes please\n|must be true or false",
        "http_server_config:\n  headers:\n    Content-Type: text/html\n|header \"Content-Type\" cannot be set",
        "http_server_config:\n  headers:\n    X-Frame-Options: \"deny\\r\\nSet-Cookie: x\"\n|contains a control character",
        "tls_server_config:\n  key_file: server.key\n|tls_server_config.cert_file: is missing (or set cert)",
        "tls_server_config:\n  cert_file: server.crt\n|tls_server_config.key_file: is missing (or set key)",
        "tls_server_config:\n  cert_file: server.crt\n  cert: x\n  key_file: server.key\n|cert_file: and cert are both set",
        "tls_server_config:\n  cert_file: nowhere.crt\n  key_file: server.key\n|tls_server_config.cert_file: cannot read",
        "tls_server_config:\n  min_version: TLS12\n|has settings but no certificate",
        "a: [unclosed\n|invalid YAML",
        "a: 1\na: 2\n|invalid YAML",
        "cert: \"\\x\"\n|invalid YAML", // found by WebConfigPropertiesTest: the YAML library threw NumberFormatException
        "a: \"\\UFFFFFFFF\"\n|invalid YAML",
        "&a [*a]: 1\n|invalid YAML",
    })
    void everyMistakeIsRefusedNamingTheFileAndKey(String caseText) throws Exception {
        String[] parts = caseText.split("\\|", 2);
        String yaml = parts[0].startsWith("TLS") ? tls(parts[0].substring(3)) : parts[0];
        Path f = write("bad.yml", yaml);
        assertThatThrownBy(() -> WebConfig.load(f)).isInstanceOf(WebConfigException.class)
                .hasMessageStartingWith(f.toString())
                .hasMessageContaining(parts[1]);
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() throws Exception {
        Path f = write("deep.yml", "a: " + "[".repeat(20000) + "]".repeat(20000) + "\n");
        assertThatThrownBy(() -> WebConfig.load(f)).isInstanceOf(WebConfigException.class)
                .hasMessageStartingWith(f.toString()).hasMessageContaining("invalid YAML")
                .hasMessageContaining("nested more than 64 levels deep");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        Path f = write("mismatch.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: other.key\n");
        WebConfig c = WebConfig.load(f);
        assertThatThrownBy(() -> TlsFactory.create(c.tls().get())).isInstanceOf(WebConfigException.class)
                .hasMessageContaining("other.key: the private key does not belong to the certificate (CN=server)");
    }

    @Test
    void anEncryptedOrMissingKeyIsRefusedClearly() throws Exception {
        pki.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes256", "-pass", "pass:x",
                "-out", "enc.key");
        WebConfig c = WebConfig.load(write("enc.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: enc.key\n"));
        assertThatThrownBy(() -> TlsFactory.create(c.tls().get())).hasMessageContaining("enc.key: the private key is encrypted");
        WebConfig none = WebConfig.load(write("nokey.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: ca.crt\n"));
        assertThatThrownBy(() -> TlsFactory.create(none.tls().get()))
                .hasMessageContaining("ca.crt: expected one PEM private key block, found 0");
    }

    @Test
    void aRunningTlsTakesANewCertificateButRefusesNewVersionsWithoutARestart() throws Exception {
        WebConfig c = WebConfig.load(write("r1.yml", tls("")));
        TlsFactory.ServerTls running = TlsFactory.create(c.tls().get());
        running.reload(WebConfig.load(write("r2.yml", "tls_server_config:\n  cert_file: other.crt\n  key_file: other.key\n"))
                .tls().get());
        WebConfig v13 = WebConfig.load(write("r3.yml", tls("  min_version: TLS13\n  curve_preferences: [X25519]\n")));
        assertThatThrownBy(() -> running.reload(v13.tls().get())).isInstanceOf(WebConfigException.class)
                .hasMessage("changing min_version/max_version, curve_preferences needs a restart (certificates, keys,"
                        + " client CAs and allowed SANs are re-read live)");
        WebConfig mismatch = WebConfig.load(write("r4.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: other.key\n"));
        assertThatThrownBy(() -> running.reload(mismatch.tls().get())).hasMessageContaining("does not belong");
    }

    @Test
    void neitherTheKeyNorTheHashesAppearInItsDescription() throws Exception {
        Path f = write("desc.yml", tls("basic_auth_users:\n  prometheus: '" + hash + "'\n"));
        String described = WebConfig.load(f).toString();
        assertThat(described).contains("prometheus").doesNotContain(hash).doesNotContain("PRIVATE")
                .doesNotContain(Files.readString(dir.resolve("server.key")).lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void basicAuthAcceptsTheRightPasswordOnlyAndRemembersIt() throws Exception {
        WebConfig c = WebConfig.load(write("auth.yml", "basic_auth_users:\n  prometheus: '" + hash + "'\n"));
        WebSecurity s = new WebSecurity(c);
        assertThat(s.authorized(c, basic("prometheus:s3cret"))).isTrue();
        assertThat(s.authorized(c, basic("prometheus:s3cret"))).isTrue(); // remembered
        assertThat(s.authorized(c, basic("prometheus:S3cret"))).isFalse();
        assertThat(s.authorized(c, basic("grafana:s3cret"))).isFalse();
        assertThat(s.authorized(c, basic("prometheus:s3cret" + "x".repeat(80)))).isFalse();
        assertThat(s.authorized(c, basic("prometheus"))).isFalse();
        assertThat(s.authorized(c, Optional.of("Basic !!!not-base64"))).isFalse();
        assertThat(s.authorized(c, Optional.of("Bearer abc"))).isFalse();
        assertThat(s.authorized(c, Optional.empty())).isFalse();
        // a reload to another hash: the remembered verification does not carry over
        String other = TestPki.htpasswd("prometheus", "rotated", 5);
        WebConfig next = WebConfig.load(write("auth2.yml", "basic_auth_users:\n  prometheus: '" + other + "'\n"));
        s.update(next);
        assertThat(s.authorized(next, basic("prometheus:s3cret"))).isFalse();
        assertThat(s.authorized(next, basic("prometheus:rotated"))).isTrue();
    }

    private static Optional<String> basic(String userColonPassword) {
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes()));
    }
}
