package io.integr8scode.execution;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who this app instance is (the host name: stable across restarts on one machine, the pod name on
 * Kubernetes) and when it started, so recovery can tell its own interrupted executions from others'.
 */
@Component
public class InstanceIdentity {

    private final String id;
    private final Instant startedAt;

    InstanceIdentity(@Value("${integr8scode.instance-id}") String configuredId, Clock clock) {
        this.id = configuredId.isBlank() ? hostName() : configuredId;
        this.startedAt = clock.instant();
    }

    public String id() {
        return id;
    }

    public Instant startedAt() {
        return startedAt;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
