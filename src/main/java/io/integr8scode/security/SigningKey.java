package io.integr8scode.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in issuer's RSA key (a private JWK). Configured inline ({@code signing-key}, e.g. from a
 * secret, as a JWK or a PEM private key: the Helm chart gives every replica the same one, so each accepts the
 * others' tokens), or kept in a file that is generated on first start, so tokens stay valid across restarts.
 */
final class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final int KEY_BITS = 2048;

    private SigningKey() {
    }

    static RSAKey load(SecurityProperties properties) {
        try {
            String inline = properties.signingKey();
            if (inline != null && !inline.isBlank()) {
                String source = "integr8scode.security.signing-key";
                return PemRsaKey.looksLikePem(inline) ? PemRsaKey.parse(inline, source)
                        : requirePrivate(RSAKey.parse(inline), source);
            }
            Path file = properties.signingKeyFile();
            if (Files.exists(file)) {
                return requirePrivate(RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8)), file.toString());
            }
            return generate(file);
        } catch (ParseException e) {
            throw new IllegalStateException("The JWT signing key is not a valid RSA JWK: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the JWT signing key", e);
        }
    }

    private static RSAKey generate(Path file) throws IOException {
        RSAKey key;
        try {
            key = new RSAKeyGenerator(KEY_BITS).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a JWT signing key", e);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".tmp");
        // Owner-only from the start: the file holds the private key.
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, key.toJSONString(), StandardCharsets.UTF_8);
        Files.move(partial, file);
        log.info("Generated a new JWT signing key in {}", file);
        return key;
    }

    private static RSAKey requirePrivate(RSAKey key, String source) {
        if (!key.isPrivate()) {
            throw new IllegalStateException(source + " holds a public key only; the built-in issuer needs the private key");
        }
        return key;
    }
}
