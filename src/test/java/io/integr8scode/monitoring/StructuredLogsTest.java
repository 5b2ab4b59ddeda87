package io.integr8scode.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.AppTestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With structured logging on (as the Helm chart and compose file set it), every line about an execution is one
 * JSON object that names the execution, the route it came from, the runner and the caller, through every
 * thread hop from the HTTP request to the sandbox and back.
 */
@ExtendWith(OutputCaptureExtension.class)
// Logging is set up before @DynamicPropertySource applies, so the format is an inlined property.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.structured.format.console=ecs")
class StructuredLogsTest extends AppTestSupport {

    private static final Path DATA_DIR = temporaryDirectory();

    @DynamicPropertySource
    static void jsonLogs(DynamicPropertyRegistry registry) {
        isolate(registry, DATA_DIR, freePort());
    }

    @Test
    void linesAboutAnExecutionAreJsonWithItsIdRouteRunnerAndCaller(CapturedOutput output) {
        String id = submitScript("import sys\nsys.exit(3)");
        awaitTerminal(id, Duration.ofSeconds(30));

        List<JsonNode> aboutIt = output.getOut().lines()
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
    }
}
