package io.gpuagent.web;

import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.gpuagent.problem.OneLine;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Semaphore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Turns {@link WebConfig.TlsSettings} into the server's TLS: our own SSLContext (key and chain from PEM,
 * client CAs, and the allowed-SANs check done in the handshake like the toolkit, so a client outside the list
 * never reaches HTTP), with the versions, suites and groups as SSLParameters, and the handshakes' cryptography
 * one at a time.
 */
public final class TlsFactory {

    /** The TLS 1.3 suites, always on with TLS 1.3: the toolkit cannot configure them either. */
    private static final List<String> TLS13_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");

    /**
     * TLS handshakes whose cryptography runs at once ({@link HandshakeGate}): a flood of handshakes costs at most
     * one core, and the others serve the established connections; one core does well over a hundred a second.
     */
    private static final int HANDSHAKES = 1;

    private TlsFactory() {
    }

    /** The server's TLS for {@code s}; its key, certificate and client CAs can be swapped later by {@link ServerTls#reload}. */
    public static ServerTls create(WebConfig.TlsSettings s) throws WebConfigException {
        Managers m = managers(s);
        SwappableKeys keys = new SwappableKeys(m.keys);
        SwappableTrust trust = m.trust == null ? null : new SwappableTrust(m.trust);
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new javax.net.ssl.KeyManager[] {keys}, trust == null ? null : new TrustManager[] {trust}, null);
            SSLParameters p = ctx.getDefaultSSLParameters();
            p.setProtocols(s.protocols().toArray(String[]::new));
            if (!s.cipherSuites().isEmpty()) {
                List<String> suites = new ArrayList<>(s.cipherSuites());
                if (s.protocols().contains("TLSv1.3")) {
                    suites.addAll(TLS13_SUITES);
                }
                p.setCipherSuites(suites.toArray(String[]::new));
            }
            if (!s.curves().isEmpty()) {
                p.setNamedGroups(s.curves().toArray(String[]::new));
            }
            p.setUseCipherSuitesOrder(s.preferServerCipherSuites());
            TlsClientAuth auth = switch (s.clientAuth()) {
                case NO_CLIENT_CERT -> TlsClientAuth.NONE;
                case VERIFY_CLIENT_CERT_IF_GIVEN -> TlsClientAuth.OPTIONAL;
                case REQUIRE_AND_VERIFY_CLIENT_CERT -> TlsClientAuth.REQUIRED;
            };
            p.setNeedClientAuth(auth == TlsClientAuth.REQUIRED);
            if (auth == TlsClientAuth.OPTIONAL) {
                p.setWantClientAuth(true);
            }
            HandshakeGate gate = new HandshakeGate(new Semaphore(HANDSHAKES, true));
            Tls tls = Tls.builder().sslContext(gate.gated(ctx)).sslParameters(p).clientAuth(auth).build();
            return new ServerTls(tls, s, keys, trust, gate);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new WebConfigException("TLS with " + s.certSource() + ": " + OneLine.of(e.getMessage()), e);
        }
    }

    /**
     * The running TLS: new connections use the key, chain and client CAs swapped in by {@link #reload}.
     * Versions, suites, groups and the client-auth mode are fixed by the listener's parameters: changing
     * them is refused with a reason (they need a restart).
     */
    public static final class ServerTls {
        private final Tls tls;
        private final WebConfig.TlsSettings settings;
        private final SwappableKeys keys;
        private final SwappableTrust trust;
        private final HandshakeGate gate;

        private ServerTls(Tls tls, WebConfig.TlsSettings settings, SwappableKeys keys, SwappableTrust trust,
                HandshakeGate gate) {
            this.tls = tls;
            this.settings = settings;
            this.keys = keys;
            this.trust = trust;
            this.gate = gate;
        }

        public Tls tls() {
            return tls;
        }

        /** Whether a connection's {@code thread} waits for, or runs, its TLS handshake's cryptography. */
        public boolean handshaking(Thread thread) {
            return gate.busy(thread);
        }

        /** Tells {@code then} when a connection's thread is done with a part of its handshake's cryptography. */
        public void afterHandshakeWork(java.util.function.Consumer<Thread> then) {
            gate.onDone(then);
        }

        public void reload(WebConfig.TlsSettings next) throws WebConfigException {
            List<String> fixed = new ArrayList<>();
            if (next.clientAuth() != settings.clientAuth()) {
                fixed.add("client_auth_type");
            }
            if (!next.protocols().equals(settings.protocols())) {
                fixed.add("min_version/max_version");
            }
            if (!next.cipherSuites().equals(settings.cipherSuites())) {
                fixed.add("cipher_suites");
            }
            if (!next.curves().equals(settings.curves())) {
                fixed.add("curve_preferences");
            }
            if (next.preferServerCipherSuites() != settings.preferServerCipherSuites()) {
                fixed.add("prefer_server_cipher_suites");
            }
            if (!fixed.isEmpty()) {
                throw new WebConfigException("changing " + String.join(", ", fixed)
                        + " needs a restart (certificates, keys, client CAs and allowed SANs are re-read live)");
            }
            Managers m = managers(next);
            keys.delegate = m.keys;
            if (trust != null) {
                trust.check = m.trust;
            }
        }
    }

    private record Managers(X509ExtendedKeyManager keys, ClientCheck trust) {
    }

    private static Managers managers(WebConfig.TlsSettings s) throws WebConfigException {
        List<X509Certificate> chain = Pem.certificates(s.certPem(), s.certSource());
        PrivateKey key = Pem.privateKey(s.keyPem(), s.keySource());
        Pem.checkPair(key, chain.get(0), s.keySource());
        try {
            char[] none = new char[0];
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", key, none, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, none);
            X509ExtendedKeyManager keys = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
            ClientCheck trust = null;
            if (s.clientCaPem().isPresent()) {
                KeyStore ts = KeyStore.getInstance("PKCS12");
                ts.load(null, null);
                int i = 0;
                for (X509Certificate ca : Pem.certificates(s.clientCaPem().get(), s.clientCaSource())) {
                    ts.setCertificateEntry("ca" + i++, ca);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
                X509ExtendedTrustManager pkix = (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
                trust = new ClientCheck(pkix, List.copyOf(s.allowedSans()));
            }
            return new Managers(keys, trust);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new WebConfigException("TLS with " + s.certSource() + ": " + OneLine.of(e.getMessage()), e);
        }
    }

    /** The server's key manager with a replaceable delegate. */
    private static final class SwappableKeys extends X509ExtendedKeyManager {
        volatile X509ExtendedKeyManager delegate;

        SwappableKeys(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, java.security.Principal[] issuers, SSLEngine engine) {
            return delegate.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers, SSLEngine engine) {
            return delegate.chooseEngineClientAlias(keyType, issuers, engine);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }

    /** How client certificates are checked: PKIX against the client CAs, then the allowed SANs (none: any). */
    private record ClientCheck(X509ExtendedTrustManager pkix, List<String> allowedSans) {

        void sans(X509Certificate[] chain) throws CertificateException {
            if (allowedSans.isEmpty()) {
                return;
            }
            Collection<List<?>> names;
            try {
                names = chain[0].getSubjectAlternativeNames();
            } catch (CertificateParsingException e) {
                throw new CertificateException("client certificate SANs unreadable", e);
            }
            if (names != null) {
                for (List<?> n : names) {
                    if (n.size() >= 2 && n.get(1) instanceof String v && allowedSans.contains(v)) {
                        return;
                    }
                }
            }
            throw new CertificateException("client certificate has no SAN in client_allowed_sans");
        }
    }

    /**
     * The client-certificate verifier: the SAN check done in the handshake like the toolkit, so a client outside
     * the list never reaches HTTP; its CAs and SANs are swapped whole on reload.
     */
    private static final class SwappableTrust extends X509ExtendedTrustManager {
        volatile ClientCheck check;

        SwappableTrust(ClientCheck check) {
            this.check = check;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            ClientCheck c = check;
            c.pkix().checkClientTrusted(chain, authType, socket);
            c.sans(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            ClientCheck c = check;
            c.pkix().checkClientTrusted(chain, authType, engine);
            c.sans(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            ClientCheck c = check;
            c.pkix().checkClientTrusted(chain, authType);
            c.sans(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check.pkix().checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check.pkix().checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check.pkix().checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return check.pkix().getAcceptedIssuers();
        }
    }
}
