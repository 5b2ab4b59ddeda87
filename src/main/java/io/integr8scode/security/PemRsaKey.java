package io.integr8scode.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RSA private key in PEM (PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY", what {@code openssl genrsa} and
 * Helm's {@code genPrivateKey} write) as a JWK. Its key id is the RFC 7638 thumbprint, so every replica given
 * the same key names it alike.
 */
final class PemRsaKey {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN (RSA )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END (RSA )?PRIVATE KEY-----");
    /** AlgorithmIdentifier { rsaEncryption, NULL }: what PKCS#8 puts before a PKCS#1 key. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemRsaKey() {
    }

    static boolean looksLikePem(String text) {
        return text.strip().startsWith("-----BEGIN");
    }

    static RSAKey parse(String pem, String source) {
        Matcher matcher = PEM.matcher(pem.strip());
        if (!matcher.matches()) {
            throw new IllegalStateException(source + " is PEM but not an RSA private key (PRIVATE KEY or RSA PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
        byte[] pkcs8 = matcher.group(1) == null ? der : pkcs8Of(der);
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            RSAKey jwk = new RSAKey.Builder(publicKey).privateKey(key).build();
            return new RSAKey.Builder(jwk).keyID(jwk.computeThumbprint().toString()).build();
        } catch (GeneralSecurityException | ClassCastException | JOSEException e) {
            throw new IllegalStateException(source + " is not a valid RSA private key: " + e.getMessage(), e);
        }
    }

    /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING { the PKCS#1 key } }. */
    private static byte[] pkcs8Of(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(derElement(0x04, pkcs1));
        return derElement(0x30, body.toByteArray());
    }

    private static byte[] derElement(int tag, byte[] content) {
        ByteArrayOutputStream element = new ByteArrayOutputStream();
        element.write(tag);
        int length = content.length;
        if (length < 0x80) {
            element.write(length);
        } else {
            int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            element.write(0x80 | octets);
            for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
                element.write(length >>> shift);
            }
        }
        element.writeBytes(content);
        return element.toByteArray();
    }
}
