package io.gpuagent.web;

import io.gpuagent.problem.OneLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and private keys in the forms openssl and cert-manager write: certificates, PKCS#8
 * ({@code PRIVATE KEY}: RSA, EC, Ed25519), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}).
 * The last two are wrapped into PKCS#8 for the JDK's key factories. Encrypted keys are refused: the agent has
 * nowhere to keep a passphrase.
 */
final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final byte[] OID_RSA = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    private static final byte[] OID_EC = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Pem() {
    }

    static List<X509Certificate> certificates(String pem, String source) throws WebConfigException {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(pem)) {
                if (b.type.equals("CERTIFICATE")) {
                    out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(b.der)));
                }
            }
        } catch (CertificateException | ClassCastException e) {
            throw new WebConfigException(source + ": not a readable certificate: " + OneLine.of(e.getMessage()));
        }
        if (out.isEmpty()) {
            throw new WebConfigException(source + ": no PEM CERTIFICATE block");
        }
        return out;
    }

    static PrivateKey privateKey(String pem, String source) throws WebConfigException {
        List<Block> keys = blocks(pem).stream().filter(b -> b.type.endsWith("PRIVATE KEY")).toList();
        if (keys.size() != 1) {
            throw new WebConfigException(source + ": expected one PEM private key block, found " + keys.size());
        }
        Block b = keys.get(0);
        byte[] pkcs8 = switch (b.type) {
            case "PRIVATE KEY" -> b.der;
            case "RSA PRIVATE KEY" -> pkcs8(OID_RSA, new byte[] {0x05, 0x00}, b.der);
            case "EC PRIVATE KEY" -> pkcs8(OID_EC, curveOf(b.der, source), b.der);
            case "ENCRYPTED PRIVATE KEY" -> throw new WebConfigException(source
                    + ": the private key is encrypted; give it unencrypted (and protect the file, e.g. a Secret)");
            default -> throw new WebConfigException(source + ": unsupported key type " + b.type);
        };
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException | RuntimeException e) {
                // try the next algorithm
            }
        }
        throw new WebConfigException(source + ": not a readable RSA, EC or Ed25519 private key");
    }

    /** Fails unless {@code key} is the private half of {@code cert}'s public key. */
    static void checkPair(PrivateKey key, X509Certificate cert, String source) throws WebConfigException {
        PublicKey pub = cert.getPublicKey();
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (alg == null) {
            return; // nothing to sign with; the handshake will tell
        }
        byte[] probe = "gpu-agent key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(probe);
            if (v.verify(sig)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's: a mismatch as well
        }
        throw new WebConfigException(source + ": the private key does not belong to the certificate ("
                + cert.getSubjectX500Principal().getName() + ")");
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(String pem) throws WebConfigException {
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new WebConfigException("bad base64 in a PEM " + m.group(1) + " block");
            }
        }
        return out;
    }

    /** The namedCurve OID (tag, length and value) from a SEC1 ECPrivateKey's [0] parameters. */
    private static byte[] curveOf(byte[] sec1, String source) throws WebConfigException {
        try {
            Der seq = new Der(sec1, 0);
            int p = seq.contentStart;
            while (p < seq.end) {
                Der item = new Der(sec1, p);
                if ((sec1[p] & 0xff) == 0xa0) {
                    Der oid = new Der(sec1, item.contentStart);
                    if (sec1[item.contentStart] != 0x06) {
                        break;
                    }
                    byte[] out = new byte[oid.end - item.contentStart];
                    System.arraycopy(sec1, item.contentStart, out, 0, out.length);
                    return out;
                }
                p = item.end;
            }
        } catch (IndexOutOfBoundsException e) {
            // malformed: reported below
        }
        throw new WebConfigException(source + ": EC PRIVATE KEY without a named curve");
    }

    private static byte[] pkcs8(byte[] algOid, byte[] params, byte[] key) {
        ByteArrayOutputStream alg = new ByteArrayOutputStream();
        tlv(alg, 0x06, algOid);
        alg.writeBytes(params);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        tlv(body, 0x30, alg.toByteArray());
        tlv(body, 0x04, key);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tlv(out, 0x30, body.toByteArray());
        return out.toByteArray();
    }

    private static void tlv(ByteArrayOutputStream out, int tag, byte[] value) {
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write((n >> 8) & 0xff);
            out.write(n & 0xff);
        }
        out.writeBytes(value);
    }

    /** One DER element's bounds. */
    private static final class Der {
        final int contentStart;
        final int end;

        Der(byte[] b, int at) {
            int len = b[at + 1] & 0xff;
            int p = at + 2;
            if (len >= 0x80) {
                int bytes = len & 0x7f;
                if (bytes == 0 || bytes > 3) {
                    throw new IndexOutOfBoundsException("unsupported DER length");
                }
                len = 0;
                for (int i = 0; i < bytes; i++) {
                    len = (len << 8) | (b[p++] & 0xff);
                }
            }
            if (p + len > b.length) {
                throw new IndexOutOfBoundsException("DER element past the end");
            }
            contentStart = p;
            end = p + len;
        }
    }
}
