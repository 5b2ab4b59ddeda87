package io.integr8scode.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Health, Prometheus metrics and the OpenAPI document describe the running pipeline. */
class ObservabilityTest extends SharedAppTest {

    @Test
    void reportsReadinessOfBrokerDatabaseAndSandbox() {
        var response = get("/actuator/health/readiness");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode components = json(response.body()).path("components");
        assertThat(components.path("jms").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("mongo").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("sandbox").path("status").asText()).isEqualTo("UP");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void exposesExecutionAndRouteMetricsToPrometheus() {
        awaitTerminal(submitScript("print(1)"), Duration.ofSeconds(30));

        String metrics = awaitMetric("integr8scode_executions{status=\"completed\"}");

        assertThat(metrics).contains("integr8scode_queue_depth");
        assertThat(metrics).containsPattern("integr8scode_execution_duration_seconds_bucket\\{[^}]*status=\"completed\"");
        assertThat(metrics).contains("routeId=\"dispatch-execution\"");
        assertThat(metrics).doesNotContain("integr8scode_executions{status=\"completed\"} 0.0");
    }

    @Test
    void servesAnOpenApiDocumentOfTheApi() {
        JsonNode document = json(get("/api/v1/openapi.json").body());

        assertThat(document.path("openapi").asText()).startsWith("3.");
        JsonNode paths = document.path("paths");
        assertThat(paths.has("/api/v1/executions")).isTrue();
        assertThat(paths.has("/api/v1/executions/{id}")).isTrue();
        assertThat(paths.has("/execute")).isTrue();
        assertThat(paths.has("/result/{execution_id}")).isTrue();
    }

    /** The gauges refresh every few seconds; wait for the completed count to show. */
    private String awaitMetric(String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String metrics = "";
        while (System.nanoTime() < deadline) {
            metrics = get("/actuator/prometheus").body();
            if (metrics.contains(name) && !metrics.contains(name + " 0.0")) {
                return metrics;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new AssertionError(name + " never showed a count");
    }
}
