package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.integr8scode.AppTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Beyond the configured queue depth a submission is refused with 503, over HTTP and nothing is stored. */
@DirtiesContext
class QueueCapacityTest extends AppTestSupport {

    @DynamicPropertySource
    static void anAppThatOnlyQueues(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), freePort());
        registry.add("integr8scode.executions.dispatch-enabled", () -> "false");
        registry.add("integr8scode.executions.max-queued", () -> "2");
        registry.add("integr8scode.quota.max-active-per-anonymous-client", () -> "10");
    }

    @Test
    void refusesSubmissionsWhenTheQueueIsFull() {
        String first = submitScript("print(1)");
        String second = submitScript("print(2)");

        HttpResponse<String> refused = post("/api/v1/executions", "application/json", "{\"script\": \"print(3)\"}");

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(refused.body()).path("title").asText()).isEqualTo("Queue full");
        assertThat(json(get("/api/v1/executions/" + first).body()).path("status").asText()).isEqualTo("queued");
        assertThat(json(get("/api/v1/executions/" + second).body()).path("status").asText()).isEqualTo("queued");
    }
}
