package io.integr8scode.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.AppTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With structured logging on (as the Helm chart and compose file set it), every line about an execution is one
 * JSON object that names the execution, the route it came from, the runner and the caller, through every
 * thread hop from the HTTP request to the sandbox and back.
 */
// Logging is set up before @DynamicPropertySource applies, so the format is an inlined property. The JSON goes to a
// file of this test's own (the same encoder as on the console), so no other test's output can interleave.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.structured.format.file=ecs", "logging.file.name=${java.io.tmpdir}/integr8scode-structured-logs-test.log"})
class StructuredLogsTest extends AppTestSupport {

    private static final Path DATA_DIR = temporaryDirectory();
    private static final Path LOG_FILE = Path.of(System.getProperty("java.io.tmpdir"), "integr8scode-structured-logs-test.log");

    @DynamicPropertySource
    static void jsonLogs(DynamicPropertyRegistry registry) {
        isolate(registry, DATA_DIR, freePort());
    }

    @Test
    void linesAboutAnExecutionAreJsonWithItsIdRouteRunnerAndCaller() {
        String id = submitScript("import sys\nsys.exit(3)");
        awaitTerminal(id, Duration.ofSeconds(30));

        // The finished line follows the stored status by a moment.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<JsonNode> aboutIt = Files.readAllLines(LOG_FILE).stream()
                    .filter(line -> line.startsWith("{"))
                    .map(AppTestSupport::json)
                    .filter(line -> id.equals(line.path("executionId").asText(null)))
                    .toList();

            assertThat(aboutIt).as("JSON lines naming execution %s", id).isNotEmpty();
            assertThat(aboutIt).allSatisfy(line -> {
                assertThat(line.path("runner").asText()).isEqualTo("local");
                assertThat(line.path("camel").path("routeId").asText()).isNotBlank();
                assertThat(line.path("message").asText()).isNotBlank();
            });
            // The claim on the queue consumer's thread, the outcome after the sandbox ran.
            assertThat(aboutIt).extracting(line -> line.path("message").asText())
                    .contains("Execution " + id + " claimed; running it on the local runner")
                    .contains("Execution " + id + " finished: failed, exit code 3");
        });
    }
}
