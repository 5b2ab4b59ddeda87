package io.integr8scode;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Work queued before a restart runs exactly once after it, although the sweep re-sends every queued execution
 * right after the start: the broker's duplicate-id cache is persisted with its journal.
 */
class RestartRunsOnceTest {

    private static final int QUEUED = 5;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void queuedWorkRunsOnceAfterARestart() throws Exception {
        int port = AppTestSupport.freePort();
        List<String> ids = new ArrayList<>();
        try (ConfigurableApplicationContext app = start(port)) {
            for (int i = 0; i < QUEUED; i++) {
                ids.add(submit(port, "print(" + i + ")"));
            }
        }
        try (ConfigurableApplicationContext app = start(port)) {
            CamelContext camel = app.getBean(CamelContext.class);
            // Sweeps ran (re-sending all five) before dispatch starts to take work.
            assertThat(new NotifyBuilder(camel).fromRoute("recovery-sweep").whenDone(3).create().matches(60, TimeUnit.SECONDS)).isTrue();
            Queue work = app.getBean(EmbeddedActiveMQ.class).getActiveMQServer().locateQueue(SimpleString.of("integr8scode.executions"));
            assertThat(work.getMessageCount()).as("work messages waiting after the restart and the sweeps").isEqualTo(QUEUED);

            camel.getRouteController().startRoute("dispatch-execution");
            for (String id : ids) {
                awaitCompleted(port, id);
            }
            assertThat(new NotifyBuilder(camel).fromRoute("recovery-sweep").whenDone(3).create().matches(60, TimeUnit.SECONDS)).isTrue();
            MeterRegistry metrics = app.getBean(MeterRegistry.class);
            assertThat(metrics.get("camel.exchanges.total").tag("routeId", "dispatch-execution").counter().count())
                    .as("deliveries to dispatch").isEqualTo(QUEUED);
            assertThat(metrics.get("camel.exchanges.total").tag("routeId", "run-local-sandbox").counter().count())
                    .as("runs").isEqualTo(QUEUED);
            assertThat(work.getMessageCount()).isZero();
        }
    }

    /** Dispatch off (the test starts it), and a sweep that re-sends every queued execution five times a second. */
    private ConfigurableApplicationContext start(int port) {
        return new SpringApplicationBuilder(Integr8sCodeApplication.class).run(
                "--server.port=" + port,
                "--integr8scode.data-dir=" + dataDir,
                "--integr8scode.broker.acceptor-url=tcp://127.0.0.1:" + AppTestSupport.freePort(),
                "--integr8scode.executions.dispatch-enabled=false",
                "--integr8scode.quota.max-active-per-anonymous-client=100",
                "--integr8scode.recovery.interval=200ms",
                "--integr8scode.recovery.requeue-after=0s");
    }

    private String submit(int port, String script) throws Exception {
        String body = AppTestSupport.JSON.createObjectNode().put("script", script).toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        return AppTestSupport.JSON.readTree(response.body()).path("execution_id").asText();
    }

    private void awaitCompleted(int port, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = "";
        while (!"completed".equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = AppTestSupport.JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/executions/" + id)).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .path("status").asText();
        }
        assertThat(status).as("status of " + id).isEqualTo("completed");
    }
}
