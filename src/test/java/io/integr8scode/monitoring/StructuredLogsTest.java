package io.integr8scode.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.AppTestSupport;
import io.integr8scode.SharedAppTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * Every log line about an execution names the execution and the route it came from, through every thread hop from
 * the queue consumer to the sandbox and back; with structured logging on (as the Helm chart and compose file set
 * it) those are JSON fields. The lines are caught in the running app and rendered by Spring Boot's own ECS
 * encoder: logging is set up once per JVM, so a test cannot switch the console format of an app already running.
 */
class StructuredLogsTest extends SharedAppTest {

    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> catcher = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // takes the MDC of the thread that logged
            events.add(event);
        }
    };

    @BeforeEach
    void catchLogLines() {
        catcher.setContext(loggerContext());
        catcher.start();
        root().addAppender(catcher);
    }

    @AfterEach
    void stopCatching() {
        root().detachAppender(catcher);
        catcher.stop();
    }

    @Test
    void linesAboutAnExecutionAreJsonWithItsIdRouteAndRunner() {
        String id = submitScript("import sys\nsys.exit(3)");
        awaitTerminal(id, Duration.ofSeconds(30));

        StructuredLogEncoder ecs = new StructuredLogEncoder();
        ecs.setFormat("ecs");
        ecs.setContext(loggerContext());
        ecs.start();
        // The finished line follows the stored status by a moment.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<JsonNode> aboutIt = events.stream()
                    .filter(event -> id.equals(event.getMDCPropertyMap().get("executionId")))
                    .map(event -> AppTestSupport.json(new String(ecs.encode(event), StandardCharsets.UTF_8)))
                    .toList();

            assertThat(aboutIt).as("lines naming execution %s", id).isNotEmpty();
            assertThat(aboutIt).allSatisfy(line -> {
                assertThat(line.path("executionId").asText()).isEqualTo(id);
                assertThat(line.path("camel").path("routeId").asText()).isNotBlank();
                assertThat(line.path("runner").asText()).isNotBlank();
                assertThat(line.path("message").asText()).isNotBlank();
            });
            // The claim on the queue consumer's thread, the outcome after the sandbox ran.
            assertThat(aboutIt).extracting(line -> line.path("message").asText())
                    .contains("Execution " + id + " claimed; running it on the local runner")
                    .contains("Execution " + id + " finished: failed, exit code 3");
        });
        ecs.stop();
    }

    private static LoggerContext loggerContext() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    private static Logger root() {
        return loggerContext().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
