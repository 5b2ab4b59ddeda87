package io.integr8scode.broker;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded broker's TCP acceptor for queue submitters; 127.0.0.1 unless configured otherwise. When it
 * listens beyond this machine, submitters must sign in as {@code submitterUser}.
 */
@ConfigurationProperties("integr8scode.broker")
public record BrokerProperties(String acceptorUrl, String submitterUser, String submitterPassword) {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "::1", "[::1]");

    /** True when the acceptor is reachable from other machines, so anonymous access must end. */
    public boolean requiresCredentials() {
        String host = URI.create(acceptorUrl).getHost();
        if (host == null) {
            return true;
        }
        host = host.toLowerCase(Locale.ROOT);
        return !(LOOPBACK_HOSTS.contains(host) || host.startsWith("127."));
    }
}
