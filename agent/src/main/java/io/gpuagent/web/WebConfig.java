package io.gpuagent.web;

import io.gpuagent.config.YamlLoader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Prometheus exporter-toolkit web-config file ({@code --web-config-file}): TLS, client certificates,
 * bcrypt basic-auth users and response headers, in the same YAML other exporters read, so one file and one
 * habit serve a whole fleet. Strict like the toolkit: an unknown key, a wrong type or an unusable value is an
 * error naming the file and the key, never a silently weaker server. Relative file names are relative to the
 * web-config file's directory, as in the toolkit.
 *
 * @param tls the TLS settings; empty when the file names no certificate (plain HTTP)
 * @param users user name to bcrypt hash; empty means no basic auth
 * @param headers extra response headers ({@code http_server_config.headers})
 * @param files every file this configuration was read from (for change detection)
 */
public record WebConfig(Optional<TlsSettings> tls, Map<String, String> users, Map<String, String> headers,
        List<Path> files) {

    /** A bcrypt hash as htpasswd and the toolkit's docs make it: {@code $2a$}, {@code $2b$} or {@code $2y$}, cost 4-31. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
    /** The headers the toolkit lets a web-config set (it refuses others, e.g. ones that would break the protocol). */
    private static final Set<String> SETTABLE_HEADERS = Set.of("Strict-Transport-Security", "X-Content-Type-Options",
            "X-Frame-Options", "X-XSS-Protection", "Content-Security-Policy");

    public WebConfig {
        users = Map.copyOf(users);
        headers = Map.copyOf(headers);
        files = List.copyOf(files);
    }

    /** How client certificates are asked for; the toolkit's names. */
    public enum ClientAuth {
        NO_CLIENT_CERT("NoClientCert"),
        VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven"),
        REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert");

        final String yamlName;

        ClientAuth(String yamlName) {
            this.yamlName = yamlName;
        }
    }

    /**
     * @param certPem the server certificate chain, PEM
     * @param keyPem the server's private key, PEM (PKCS#8, PKCS#1 RSA or SEC1 EC)
     * @param clientCaPem the CAs client certificates must chain to; empty when none is configured
     * @param protocols enabled TLS versions, JDK names ({@code TLSv1.2}, {@code TLSv1.3})
     * @param cipherSuites TLS 1.2 cipher suites (IANA names); empty for the JDK's defaults
     * @param curves named groups, JDK names ({@code x25519}, {@code secp256r1}); empty for the JDK's defaults
     */
    public record TlsSettings(String certPem, String certSource, String keyPem, String keySource, ClientAuth clientAuth,
            Optional<String> clientCaPem, String clientCaSource, List<String> allowedSans, List<String> protocols,
            List<String> cipherSuites, boolean preferServerCipherSuites, List<String> curves) {

        public TlsSettings {
            allowedSans = List.copyOf(allowedSans);
            protocols = List.copyOf(protocols);
            cipherSuites = List.copyOf(cipherSuites);
            curves = List.copyOf(curves);
        }

        @Override
        public String toString() { // never the key
            return "TlsSettings[cert=" + certSource + ", key=" + keySource + ", clientAuth=" + clientAuth
                    + ", clientCa=" + clientCaSource + ", protocols=" + protocols + "]";
        }
    }

    @Override
    public String toString() { // never the hashes
        return "WebConfig[tls=" + tls + ", users=" + users.keySet() + ", headers=" + headers.keySet() + "]";
    }

    /** Reads and checks {@code file} and the files it names. */
    public static WebConfig load(Path file) throws WebConfigException {
        String name = file.toString();
        Object document;
        try {
            document = YamlLoader.load(file);
        } catch (YamlLoader.InvalidYaml e) {
            throw new WebConfigException(e.getMessage());
        }
        Reader r = new Reader(name, file.toAbsolutePath().getParent());
        Map<String, Object> top = document == null ? Map.of() : r.mapping(document, "");
        r.only(top, "", "tls_server_config", "http_server_config", "basic_auth_users");

        Map<String, String> users = new LinkedHashMap<>();
        Object usersNode = top.get("basic_auth_users");
        if (usersNode != null) {
            r.mapping(usersNode, "basic_auth_users").forEach((user, hash) -> {
                users.put(user, hash == null ? "" : hash.toString());
            });
            for (Map.Entry<String, String> u : users.entrySet()) {
                if (u.getKey().isEmpty() || u.getKey().contains(":")) {
                    throw r.error("basic_auth_users", "user name \"" + u.getKey() + "\" is empty or contains ':'");
                }
                if (!BCRYPT.matcher(u.getValue()).matches()) {
                    throw r.error("basic_auth_users." + u.getKey(), "not a bcrypt hash (make one with: htpasswd -nBC 10 "
                            + u.getKey() + ")");
                }
            }
        }

        Map<String, String> headers = new LinkedHashMap<>();
        Object http = top.get("http_server_config");
        if (http != null) {
            Map<String, Object> h = r.mapping(http, "http_server_config");
            r.only(h, "http_server_config", "http2", "headers");
            if (h.get("http2") != null && !(h.get("http2") instanceof Boolean)) {
                throw r.error("http_server_config.http2", "must be true or false");
            }
            if (h.get("headers") != null) {
                for (Map.Entry<String, Object> e : r.mapping(h.get("headers"), "http_server_config.headers").entrySet()) {
                    String canonical = SETTABLE_HEADERS.stream().filter(s -> s.equalsIgnoreCase(e.getKey())).findFirst()
                            .orElseThrow(() -> r.error("http_server_config.headers", "header \"" + e.getKey()
                                    + "\" cannot be set; allowed: " + String.join(", ", new java.util.TreeSet<>(SETTABLE_HEADERS))));
                    String value = r.string(e.getValue(), "http_server_config.headers." + e.getKey());
                    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                        throw r.error("http_server_config.headers." + e.getKey(), "contains a control character");
                    }
                    headers.put(canonical, value);
                }
            }
        }

        Optional<TlsSettings> tls = Optional.empty();
        Object tlsNode = top.get("tls_server_config");
        if (tlsNode != null) {
            tls = tls(r, r.mapping(tlsNode, "tls_server_config"));
        }
        if (!users.isEmpty() && tls.isEmpty()) {
            // as the toolkit does: it works, but passwords cross the network in clear text
            System.getLogger("io.gpuagent.web").log(System.Logger.Level.WARNING, name
                    + ": basic auth without TLS sends passwords in clear text; add tls_server_config");
        }
        List<Path> files = new ArrayList<>(List.of(file.toAbsolutePath()));
        files.addAll(r.files);
        return new WebConfig(tls, users, headers, files);
    }

    private static Optional<TlsSettings> tls(Reader r, Map<String, Object> t) throws WebConfigException {
        String at = "tls_server_config";
        r.only(t, at, "cert_file", "key_file", "cert", "key", "client_auth_type", "client_ca_file", "client_allowed_sans",
                "min_version", "max_version", "cipher_suites", "prefer_server_cipher_suites", "curve_preferences");
        boolean anyCert = t.get("cert_file") != null || t.get("key_file") != null || t.get("cert") != null
                || t.get("key") != null;
        if (!anyCert) {
            if (t.keySet().stream().anyMatch(k -> t.get(k) != null)) {
                throw r.error(at, "has settings but no certificate: set cert_file and key_file (or cert and key)");
            }
            return Optional.empty();
        }
        String[] cert = r.pem(t, "cert_file", "cert");
        String[] key = r.pem(t, "key_file", "key");

        ClientAuth auth = ClientAuth.NO_CLIENT_CERT;
        if (t.get("client_auth_type") != null) {
            String v = r.string(t.get("client_auth_type"), at + ".client_auth_type");
            auth = java.util.Arrays.stream(ClientAuth.values()).filter(a -> a.yamlName.equals(v)).findFirst()
                    .orElseThrow(() -> r.error(at + ".client_auth_type", switch (v) {
                        case "RequestClientCert", "RequireAnyClientCert" -> "\"" + v + "\" accepts certificates nobody"
                                + " verified, so it is not supported; use VerifyClientCertIfGiven or RequireAndVerifyClientCert";
                        default -> "\"" + v + "\" is not one of NoClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert";
                    }));
        }
        Optional<String> ca = Optional.empty();
        String caSource = "none";
        if (t.get("client_ca_file") != null) {
            Path p = r.path(t.get("client_ca_file"), at + ".client_ca_file");
            ca = Optional.of(r.file(p, at + ".client_ca_file"));
            caSource = p.toString();
        }
        if (auth != ClientAuth.NO_CLIENT_CERT && ca.isEmpty()) {
            throw r.error(at + ".client_ca_file", "is required with client_auth_type " + auth.yamlName);
        }
        if (auth == ClientAuth.NO_CLIENT_CERT && ca.isPresent()) {
            throw r.error(at + ".client_auth_type", "client_ca_file is set but client certificates are not asked for"
                    + " (NoClientCert): set VerifyClientCertIfGiven or RequireAndVerifyClientCert");
        }
        List<String> sans = r.strings(t.get("client_allowed_sans"), at + ".client_allowed_sans");
        if (!sans.isEmpty() && auth != ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT) {
            throw r.error(at + ".client_allowed_sans", "needs client_auth_type RequireAndVerifyClientCert");
        }

        int min = version(r, t.get("min_version"), at + ".min_version", 12);
        int max = version(r, t.get("max_version"), at + ".max_version", 13);
        if (min > max) {
            throw r.error(at + ".min_version", "is above max_version");
        }
        List<String> protocols = new ArrayList<>();
        for (int v = max; v >= min; v--) {
            protocols.add("TLSv1." + (v - 10));
        }
        List<String> suites = r.strings(t.get("cipher_suites"), at + ".cipher_suites");
        Set<String> known;
        try {
            known = Set.of(javax.net.ssl.SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw r.error(at, "this Java runtime has no TLS: " + e.getMessage());
        }
        for (String s : suites) {
            if (!known.contains(s) || s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_")) {
                throw r.error(at + ".cipher_suites", "\"" + s + "\" is not a TLS 1.2 cipher suite this runtime has"
                        + " (TLS 1.3 suites are not configurable, as in the toolkit)");
            }
        }
        boolean prefer = true;
        if (t.get("prefer_server_cipher_suites") != null) {
            if (!(t.get("prefer_server_cipher_suites") instanceof Boolean b)) {
                throw r.error(at + ".prefer_server_cipher_suites", "must be true or false");
            }
            prefer = b;
        }
        List<String> curves = new ArrayList<>();
        for (String c : r.strings(t.get("curve_preferences"), at + ".curve_preferences")) {
            curves.add(switch (c) {
                case "CurveP256" -> "secp256r1";
                case "CurveP384" -> "secp384r1";
                case "CurveP521" -> "secp521r1";
                case "X25519" -> "x25519";
                default -> throw r.error(at + ".curve_preferences", "\"" + c
                        + "\" is not one of CurveP256, CurveP384, CurveP521, X25519");
            });
        }
        return Optional.of(new TlsSettings(cert[0], cert[1], key[0], key[1], auth, ca, caSource, sans, protocols, suites,
                prefer, curves));
    }

    private static int version(Reader r, Object node, String at, int dflt) throws WebConfigException {
        if (node == null) {
            return dflt;
        }
        String v = r.string(node, at);
        return switch (v) {
            case "TLS12" -> 12;
            case "TLS13" -> 13;
            case "TLS10", "TLS11" -> throw r.error(at, v + " is refused: TLS 1.2 is the oldest version served");
            default -> throw r.error(at, "\"" + v + "\" is not one of TLS12, TLS13");
        };
    }

    /** Typed access to the YAML tree with errors naming the file and the dotted key. */
    private static final class Reader {
        final String name;
        final Path dir;
        final List<Path> files = new ArrayList<>();

        Reader(String name, Path dir) {
            this.name = name;
            this.dir = dir;
        }

        WebConfigException error(String key, String what) {
            return new WebConfigException(name + ": " + (key.isEmpty() ? "" : key + ": ") + what);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> mapping(Object node, String key) throws WebConfigException {
            if (!(node instanceof Map<?, ?> m)) {
                throw error(key, "must be a mapping, not " + kind(node));
            }
            for (Object k : m.keySet()) {
                if (!(k instanceof String)) {
                    throw error(key, "key " + k + " is not a string");
                }
            }
            return (Map<String, Object>) m;
        }

        void only(Map<String, Object> m, String key, String... allowed) throws WebConfigException {
            Set<String> ok = Set.of(allowed);
            for (String k : m.keySet()) {
                if (!ok.contains(k)) {
                    throw error(key, "unknown key \"" + k + "\" (known: " + String.join(", ", allowed) + ")");
                }
            }
        }

        String string(Object node, String key) throws WebConfigException {
            if (node instanceof String s) {
                return s;
            }
            throw error(key, "must be a string, not " + kind(node));
        }

        List<String> strings(Object node, String key) throws WebConfigException {
            if (node == null) {
                return List.of();
            }
            if (!(node instanceof List<?> l)) {
                throw error(key, "must be a list of strings, not " + kind(node));
            }
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                out.add(string(o, key));
            }
            return out;
        }

        Path path(Object node, String key) throws WebConfigException {
            String s = string(node, key);
            if (s.isBlank()) {
                throw error(key, "is empty");
            }
            try {
                return dir.resolve(s).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw error(key, "\"" + s + "\" is not a usable path");
            }
        }

        String file(Path p, String key) throws WebConfigException {
            try {
                if (Files.size(p) > (1 << 20)) {
                    throw error(key, p + " is larger than 1 MiB");
                }
                files.add(p);
                return Files.readString(p, StandardCharsets.US_ASCII);
            } catch (CharacterCodingException e) {
                throw error(key, p + " is not PEM text");
            } catch (IOException e) {
                throw error(key, "cannot read " + p + ": " + e.getMessage());
            }
        }

        /** The PEM from {@code fileKey} or inline {@code inlineKey}, exactly one of them; [pem, where from]. */
        String[] pem(Map<String, Object> t, String fileKey, String inlineKey) throws WebConfigException {
            String at = "tls_server_config.";
            Object f = t.get(fileKey);
            Object inline = t.get(inlineKey);
            if (f != null && inline != null) {
                throw error(at + fileKey, "and " + inlineKey + " are both set; set one");
            }
            if (f == null && inline == null) {
                throw error(at + fileKey, "is missing (or set " + inlineKey + ")");
            }
            if (f != null) {
                Path p = path(f, at + fileKey);
                return new String[] {file(p, at + fileKey), p.toString()};
            }
            return new String[] {string(inline, at + inlineKey), "inline " + inlineKey};
        }

        private static String kind(Object node) {
            return node == null ? "nothing" : switch (node) {
                case Map<?, ?> m -> "a mapping";
                case List<?> l -> "a list";
                case String s -> "a string";
                default -> "a " + node.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            };
        }
    }
}
