package io.integr8scode.sandbox;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The local runner (integr8scode.runner=local): one OCI container per execution. Creating the runner
 * locates the runtime binary, so a machine without it fails at startup with the package to install.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "integr8scode.runner", havingValue = "local")
class LocalSandboxConfiguration {

    /** Called by routes/runners/local.yaml: {@code run} per execution, {@code removeLeftovers} by the sweep. */
    @Bean
    OciSandboxRunner localSandbox(SandboxProperties properties) {
        return new OciSandboxRunner(properties);
    }

    @Bean("sandbox")
    HealthIndicator sandboxHealth(OciSandboxRunner runner) {
        return new AbstractHealthIndicator("Sandbox runtime check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                builder.up().withDetail("runtime", runner.name()).withDetail("version", runner.runtimeVersion());
            }
        };
    }
}
