package io.integr8scode.api;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** "routes" in the readiness group: ready only once the API answers, not merely once the port is open. */
@Component
class RoutesHealthIndicator implements HealthIndicator {

    private final StartupGate gate;

    RoutesHealthIndicator(StartupGate gate) {
        this.gate = gate;
    }

    @Override
    public Health health() {
        return gate.isOpen() ? Health.up().build() : Health.down().withDetail("reason", "routes starting").build();
    }
}
