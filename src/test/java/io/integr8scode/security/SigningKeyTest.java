package io.integr8scode.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in issuer's key as a replica reads it: inline JWK or PEM (the chart's Secret), or a generated file. */
class SigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void readsAPkcs8AndAPkcs1PemKeyAsTheSameKeyWithTheSameKeyId() throws Exception {
        KeyPair pair = rsaKeyPair();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] pkcs1 = PrivateKeyInfo.getInstance(pkcs8).parsePrivateKey().toASN1Primitive().getEncoded();

        RSAKey fromPkcs8 = SigningKey.load(inline(pem("PRIVATE KEY", pkcs8)));
        RSAKey fromPkcs1 = SigningKey.load(inline(pem("RSA PRIVATE KEY", pkcs1)));

        assertThat(fromPkcs8.isPrivate()).isTrue();
        assertThat(fromPkcs1).isEqualTo(fromPkcs8);
        assertThat(fromPkcs8.getKeyID()).isEqualTo(fromPkcs8.computeThumbprint().toString());
        assertThat(fromPkcs8.toRSAPublicKey()).isEqualTo(pair.getPublic());
    }

    @Test
    void aTokenSignedByOneReplicaVerifiesWithTheKeyAnotherReplicaReadFromTheSamePem() throws Exception {
        String pem = pem("RSA PRIVATE KEY", PrivateKeyInfo.getInstance(rsaKeyPair().getPrivate().getEncoded())
                .parsePrivateKey().toASN1Primitive().getEncoded());
        RSAKey first = SigningKey.load(inline(pem));
        RSAKey second = SigningKey.load(inline(pem));

        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(first.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("alice").build());
        token.sign(new RSASSASigner(first));

        assertThat(token.getHeader().getKeyID()).isEqualTo(second.getKeyID());
        assertThat(SignedJWT.parse(token.serialize()).verify(new RSASSAVerifier(second.toPublicJWK()))).isTrue();
    }

    @Test
    void refusesAPemThatIsNotAnRsaPrivateKey() {
        String certificate = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

        assertThatThrownBy(() -> SigningKey.load(inline(certificate)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not an RSA private key");
    }

    @Test
    void withoutAnInlineKeyGeneratesAFileOnceAndKeepsIt() {
        SecurityProperties properties = properties("", dir.resolve("security/key.json"));

        RSAKey generated = SigningKey.load(properties);

        assertThat(SigningKey.load(properties)).isEqualTo(generated);
    }

    private SecurityProperties inline(String signingKey) {
        return properties(signingKey, dir.resolve("unused.json"));
    }

    private static SecurityProperties properties(String signingKey, Path file) {
        return new SecurityProperties(true, true, "integr8scode", "integr8scode-api", null, signingKey, file,
                "roles", List.of());
    }

    private static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
