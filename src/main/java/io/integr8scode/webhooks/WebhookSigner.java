package io.integr8scode.webhooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signs deliveries: {@code X-Integr8sCode-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}
 * with the deployment's secret ({@code integr8scode.webhooks.secret}, or a key generated once into
 * {@code secret-file}). The timestamp is signed with the body, so a receiver that refuses old timestamps
 * refuses a replayed delivery.
 */
@Component
class WebhookSigner {

    static final String HEADER = "X-Integr8sCode-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] secret;

    WebhookSigner(WebhookProperties properties) {
        this.secret = properties.secret() == null || properties.secret().isBlank()
                ? fromFile(Path.of(properties.secretFile())) : properties.secret().getBytes(StandardCharsets.UTF_8);
    }

    String signature(long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(unixSeconds + "." + body);
    }

    private String hmac(String signed) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), HexFormat.of().formatHex(key));
                Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
                Files.move(written, file);
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The webhook secret file " + file + " cannot be read or written", e);
        }
    }
}
