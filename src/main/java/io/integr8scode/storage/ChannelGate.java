package io.integr8scode.storage;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits only the app's own connections to the embedded store. mongo-java-server has no authentication, and
 * its loopback port is reachable by every local user, so the app's client announces a per-start secret as its
 * application name: the driver sends it in the handshake ({@code isMaster}/{@code hello} with
 * {@code client.application.name}) that opens every connection. A connection whose first handshake carries
 * the secret is admitted for its lifetime; any other gets MongoDB's error 13 for everything but handshakes
 * (which carry no data and let a client read the refusal). The verdict lives on the channel, so it goes
 * with the connection.
 */
final class ChannelGate {

    private static final Logger log = LoggerFactory.getLogger(ChannelGate.class);
    private static final AttributeKey<Boolean> ADMITTED = AttributeKey.valueOf("integr8scode.store.admitted");
    private static final int UNAUTHORIZED = 13;

    private final byte[] secret;

    ChannelGate(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** 192 random bits, URL-safe: fits the driver's 128-byte limit on application names. */
    static String newSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    boolean admits(Channel channel, String command, Document query) {
        Boolean admitted = channel.attr(ADMITTED).get();
        if (admitted == null) {
            admitted = isHandshake(command) && carriesSecret(query);
            channel.attr(ADMITTED).set(admitted);
            if (!admitted) {
                // Never the offered name: it may be a near miss of the secret.
                log.warn("Refusing a client of the embedded store without the app's secret: {}", channel.remoteAddress());
            }
        }
        return admitted || isHandshake(command);
    }

    /** The reply MongoDB gives an unauthenticated client. */
    static Document unauthorized(String command) {
        Document reply = new Document("ok", 0);
        reply.put("errmsg", "command " + command + " requires authentication");
        reply.put("code", UNAUTHORIZED);
        reply.put("codeName", "Unauthorized");
        return reply;
    }

    private static boolean isHandshake(String command) {
        return "isMaster".equalsIgnoreCase(command) || "hello".equalsIgnoreCase(command);
    }

    private boolean carriesSecret(Document handshake) {
        if (handshake.get("client") instanceof Document client
                && client.get("application") instanceof Document application
                && application.get("name") instanceof String name) {
            return MessageDigest.isEqual(secret, name.getBytes(StandardCharsets.UTF_8));
        }
        return false;
    }
}
