package io.gpuagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.web.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web-config file against real TLS clients (curl and openssl s_client, as a Prometheus or an operator
 * would connect), real bcrypt hashes from htpasswd, and real certificates from openssl.
 */
class WebConfigIT {

    @TempDir
    Path dir;

    /** curl's exit status, the body and the status code (000 when no HTTP answer came). */
    record Curl(int exit, String body, String status) {
    }

    private Curl curl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-w", "\n%{http_code}"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        int nl = out.lastIndexOf('\n');
        return new Curl(p.exitValue(), out.substring(0, Math.max(0, nl)), out.substring(nl + 1).strip());
    }

    /** Whether openssl s_client completes a handshake with these options. */
    private boolean handshake(int port, String... options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-brief"));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close(); // no input: s_client ends after the handshake
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out.contains("CONNECTION ESTABLISHED") && !out.contains("alert");
    }

    private String url(AgentProcess agent, String path) {
        return "https://127.0.0.1:" + agent.port + path;
    }

    @Test
    void tlsAndBcryptBasicAuthWithARealClient() throws Exception {
        TestPki pki = new TestPki(dir);
        pki.issue("server", TestPki.KeyForm.RSA_PKCS1, "IP:127.0.0.1", "DNS:localhost");
        String hash = TestPki.htpasswd("prometheus", "correct horse", 10);
        Path web = Files.writeString(dir.resolve("web.yml"), """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                http_server_config:
                  headers:
                    X-Content-Type-Options: nosniff
                basic_auth_users:
                  prometheus: '%s'
                """.formatted(hash));
        try (AgentProcess agent = AgentProcess.start("--simulate=test-node", "--kubernetes=false",
                "--web-config-file=" + web)) {
            String ca = pki.ca().toString();
            Curl none = curl("--cacert", ca, "-D", "-", url(agent, "/metrics"));
            assertThat(none.status()).isEqualTo("401");
            assertThat(none.body()).containsIgnoringCase("WWW-Authenticate: Basic realm=\"gpu-agent\"");
            assertThat(curl("--cacert", ca, "-u", "prometheus:wrong horse", url(agent, "/metrics")).status())
                    .isEqualTo("401");
            assertThat(curl("--cacert", ca, "-u", "grafana:correct horse", url(agent, "/metrics")).status())
                    .isEqualTo("401");
            Curl ok = curl("--cacert", ca, "-u", "prometheus:correct horse", "-D", "-", url(agent, "/metrics"));
            assertThat(ok.status()).isEqualTo("200");
            assertThat(ok.body()).containsIgnoringCase("X-Content-Type-Options: nosniff").contains("gpu_info{");
            // the kubelet probes without a password
            assertThat(curl("--cacert", ca, url(agent, "/healthz")).status()).isEqualTo("200");
            assertThat(curl("--cacert", ca, "-X", "POST", "-u", "prometheus:correct horse", url(agent, "/metrics"))
                    .status()).isEqualTo("405");

            // the certificate is verified by the client: no CA, no connection
            assertThat(curl(url(agent, "/healthz")).exit()).isNotZero();
            // TLS 1.2 and 1.3 only; plain HTTP gets no page
            assertThat(handshake(agent.port, "-tls1_2")).isTrue();
            assertThat(handshake(agent.port, "-tls1_3")).isTrue();
            assertThat(handshake(agent.port, "-tls1_1")).isFalse();
            assertThat(curl("http://127.0.0.1:" + agent.port + "/metrics").body()).doesNotContain("gpu_info");

            String log = agent.stderr();
            assertThat(log).contains("web config:").doesNotContain(hash).doesNotContain("correct horse")
                    .doesNotContain(Files.readString(dir.resolve("server.key")).lines().skip(1).findFirst().orElseThrow());
        }
    }

    @Test
    void clientCertificatesAreVerifiedAgainstTheCaAndTheAllowedSans() throws Exception {
        TestPki pki = new TestPki(dir);
        pki.issue("server", TestPki.KeyForm.EC_PKCS8, "IP:127.0.0.1");
        pki.issue("prometheus", TestPki.KeyForm.EC_SEC1, "DNS:prometheus.monitoring.svc");
        pki.issue("intruder", TestPki.KeyForm.EC_SEC1, "DNS:intruder.default.svc");
        pki.selfSigned("forged", "DNS:prometheus.monitoring.svc");
        Path web = Files.writeString(dir.resolve("web.yml"), """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: ca.crt
                  client_allowed_sans: [prometheus.monitoring.svc]
                  min_version: TLS13
                """);
        try (AgentProcess agent = AgentProcess.start("--simulate=test-node", "--kubernetes=false",
                "--web-config-file=" + web)) {
            String ca = pki.ca().toString();
            Curl good = curl("--cacert", ca, "--cert", "prometheus.crt", "--key", "prometheus.key", url(agent, "/metrics"));
            assertThat(good.status()).isEqualTo("200");
            assertThat(good.body()).contains("gpu_info{");
            for (String[] who : List.of(new String[] {}, new String[] {"--cert", "intruder.crt", "--key", "intruder.key"},
                    new String[] {"--cert", "forged.crt", "--key", "forged.key"})) {
                List<String> args = new ArrayList<>(List.of("--cacert", ca));
                args.addAll(List.of(who));
                args.add(url(agent, "/metrics"));
                Curl refused = curl(args.toArray(String[]::new));
                assertThat(refused.status()).as("client %s", List.of(who)).isEqualTo("000");
                assertThat(refused.body()).doesNotContain("gpu_info");
            }
            assertThat(handshake(agent.port, "-tls1_2", "-cert", "prometheus.crt", "-key", "prometheus.key")).isFalse();
        }
    }

    @Test
    void changesAreReReadAndABrokenChangeKeepsTheRunningConfiguration() throws Exception {
        TestPki pki = new TestPki(dir);
        pki.issue("server", TestPki.KeyForm.EC_SEC1, "IP:127.0.0.1");
        String ada = TestPki.htpasswd("ada", "first", 5);
        String bob = TestPki.htpasswd("bob", "second", 5);
        Path web = dir.resolve("web.yml");
        String tls = "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n";
        replace(web, tls + "basic_auth_users:\n  ada: '" + ada + "'\n");
        try (AgentProcess agent = AgentProcess.start("--simulate=test-node", "--kubernetes=false",
                "--web-config-file=" + web)) {
            String ca = pki.ca().toString();
            String metrics = url(agent, "/metrics");
            assertThat(curl("--cacert", ca, "-u", "ada:first", metrics).status()).isEqualTo("200");
            String serial = serial(agent.port);

            // a new user list: bob in, ada out, without a restart
            replace(web, tls + "basic_auth_users:\n  bob: '" + bob + "'\n");
            awaitStatus(() -> curl("--cacert", ca, "-u", "bob:second", metrics), "200");
            assertThat(curl("--cacert", ca, "-u", "ada:first", metrics).status()).isEqualTo("401");

            // a broken change: logged, and bob still gets in
            replace(web, tls + "basic_auth_users:\n  bob: not-a-hash\n");
            Curl page = awaitBody(() -> curl("--cacert", ca, "-u", "bob:second", metrics),
                    b -> b.contains("gpu_agent_web_config_last_reload_successful 0"));
            assertThat(page.body()).contains("gpu_agent_web_config_last_reload_successful 0");
            String expected = "web config change not applied, keeping the running one: " + web
                    + ": basic_auth_users.bob: not a bcrypt hash";
            long logDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!agent.stderr().contains(expected) && System.nanoTime() < logDeadline) {
                Thread.sleep(100); // stderr is read by another thread
            }
            assertThat(agent.stderr()).contains(expected);

            // a rotated certificate (as cert-manager renews a Secret): served on new connections
            pki.issue("renewed", TestPki.KeyForm.EC_SEC1, "IP:127.0.0.1");
            replace(web, tls + "basic_auth_users:\n  bob: '" + bob + "'\n");
            Files.copy(dir.resolve("renewed.key"), dir.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(dir.resolve("renewed.crt"), dir.resolve("server.crt"), StandardCopyOption.REPLACE_EXISTING);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String now = serial(agent.port);
            while (now.equals(serial) && System.nanoTime() < deadline) {
                Thread.sleep(300);
                now = serial(agent.port);
            }
            assertThat(now).isNotEqualTo(serial).isEqualTo(pki.openssl("x509", "-in", "renewed.crt", "-noout", "-serial").strip());
            Curl after = awaitBody(() -> curl("--cacert", ca, "-u", "bob:second", metrics),
                    b -> b.contains("gpu_agent_web_config_last_reload_successful 1"));
            assertThat(after.body()).contains("gpu_agent_web_config_last_reload_successful 1");
            assertThat(agent.stderr()).doesNotContain(bob).doesNotContain("second");
        }
    }

    @Test
    void aBadWebConfigStopsTheStartWithTheKeyNamed() throws Exception {
        Path web = Files.writeString(dir.resolve("web.yml"), "tls_server_config:\n  cert_file: x.crt\n  key_fil: x.key\n");
        AgentProcess.Result r = AgentProcess.run(Duration.ofSeconds(30), "--simulate", "--web-config-file=" + web);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr().strip()).startsWith("gpu-agent: --web-config-file: " + web + ": tls_server_config: unknown key \"key_fil\"");
        assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void requestsOutsideTheContractGetShortAnswersWithoutInternals() throws Exception {
        try (AgentProcess agent = AgentProcess.start("--simulate=test-node", "--kubernetes=false")) {
            String base = "http://127.0.0.1:" + agent.port;
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
                Curl c = curl("-X", method, "-D", "-", base + "/metrics");
                assertThat(c.status()).as(method).isEqualTo("405");
                assertThat(c.body()).containsIgnoringCase("Allow: GET, HEAD");
            }
            assertThat(curl("-I", base + "/readyz").status()).isEqualTo("200");
            assertThat(curl("-I", base + "/metrics").status()).isEqualTo("200");
            assertThat(curl(base + "/nothing-here").status()).isEqualTo("404");
            List<Curl> hostile = List.of(
                    curl(base + "/metrics?" + "a".repeat(8000)),
                    curl("-H", "X-Big: " + "b".repeat(40000), base + "/metrics"),
                    curl("-X", "POST", "--data-binary", "x".repeat(100000), base + "/metrics"),
                    curl("--path-as-is", base + "/../../etc/passwd"),
                    curl("-X", "TRACE", base + "/"));
            // Helidon answers oversized headers with 400 and a body on a GET-only path with 413 (read before routing)
            assertThat(hostile).extracting(Curl::status).containsExactly("414", "400", "413", "404", "405");
            for (Curl c : hostile) {
                assertThat(c.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("helidon")
                        .doesNotContain("root:");
                assertThat(c.body().length()).isLessThan(300);
            }
            assertThat(curl(base + "/metrics").status()).as("still serving").isEqualTo("200");
        }
    }

    /** Replaces a file the way a config-map update does: a new file moved over the old one. */
    private static void replace(Path file, String content) throws IOException {
        Path tmp = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String serial(int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "openssl s_client -connect 127.0.0.1:" + port
                + " </dev/null 2>/dev/null | openssl x509 -noout -serial").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(20, TimeUnit.SECONDS);
        return out;
    }

    interface CurlCall {
        Curl call() throws Exception;
    }

    private static Curl awaitStatus(CurlCall call, String status) throws Exception {
        return awaitBody(call, null, status);
    }

    private static Curl awaitBody(CurlCall call, Predicate<String> body) throws Exception {
        return awaitBody(call, body, null);
    }

    private static Curl awaitBody(CurlCall call, Predicate<String> body, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Curl c = call.call();
        while (!((status == null || c.status().equals(status)) && (body == null || body.test(c.body())))
                && System.nanoTime() < deadline) {
            Thread.sleep(300);
            c = call.call();
        }
        assertThat(c.status()).isEqualTo(status == null ? c.status() : status);
        return c;
    }
}
