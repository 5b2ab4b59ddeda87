package io.integr8scode.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.integr8scode.SharedAppTest;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Real executions through every channel move the figures an operator reads on /actuator/prometheus. */
class PipelineMetricsTest extends SharedAppTest {

    @Autowired
    CamelContext camel;

    @Test
    void countsSubmissionsByChannelAndRefusalsByReason() throws JMSException {
        PrometheusScrape before = scrape();

        run("print('over http')");
        String token = signUp(uniqueName("metrics"));
        String scriptId = json(request("POST", "/api/v1/scripts", token, "{\"name\": \"m\", \"script\": \"print(2)\"}").body())
                .path("script_id").asText();
        assertThat(request("POST", "/api/v1/scripts/" + scriptId + "/run", token, null).statusCode()).isEqualTo(202);
        assertThat(post("/api/v1/executions", "application/json", "{\"script\": 42}").statusCode()).isEqualTo(400);
        assertThat(submitOverQueueAndAwaitReply("{\"script\": \"print(3)\"}")).contains("\"completed\"");
        assertThat(submitOverQueueAndAwaitReply("not json")).contains("\"status\":400");

        assertThat(post("/judge0/submissions", "application/json", "{\"source_code\": \"print(4)\", \"language_id\": 71}")
                .statusCode()).isEqualTo(201);
        assertThat(post("/api/v2/execute", "application/json",
                "{\"language\": \"python\", \"version\": \"*\", \"files\": [{\"content\": \"print(5)\"}]}").statusCode())
                .isEqualTo(200);

        PrometheusScrape after = scrape();
        assertThat(delta(before, after, "integr8scode_submissions_total", "channel=\"judge0\"")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "integr8scode_submissions_total", "channel=\"piston\"")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "integr8scode_submissions_total", "channel=\"other\"")).isZero();
        assertThat(delta(before, after, "integr8scode_submissions_total", "channel=\"http\"")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "integr8scode_submissions_total", "channel=\"saved_script\"")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "integr8scode_submissions_total", "channel=\"queue\"")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "integr8scode_submissions_refused_total", "channel=\"http\"", "reason=\"validation\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "integr8scode_submissions_refused_total", "channel=\"queue\"", "reason=\"validation\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "integr8scode_replies_total", "result=\"sent\"")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void timesWaitsAndRunsAndCountsOutcomesWithABoundedReason() {
        PrometheusScrape before = scrape();

        assertThat(run("print(1)").path("status").asText()).isEqualTo("completed");
        assertThat(run("import sys; sys.exit(3)").path("status").asText()).isEqualTo("failed");
        String hog = JSON.createObjectNode().put("script", "b = bytearray(200 * 1024 * 1024); print(len(b))")
                .set("limits", JSON.createObjectNode().put("memory_mb", 64)).toString();
        assertThat(awaitTerminal(submit(hog), Duration.ofSeconds(30)).path("failure_reason").asText()).startsWith("memory limit");

        PrometheusScrape after = awaitScrape(scrape -> delta(before, scrape, "integr8scode_executions_finished_total") >= 3);
        assertThat(delta(before, after, "integr8scode_executions_finished_total", "status=\"completed\"", "reason=\"none\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "integr8scode_executions_finished_total", "status=\"failed\"", "reason=\"exit_code\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "integr8scode_executions_finished_total", "status=\"failed\"", "reason=\"memory_limit\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "integr8scode_execution_wait_seconds_count")).isGreaterThanOrEqualTo(3);
        assertThat(delta(before, after, "integr8scode_execution_run_seconds_count", "status=\"failed\"")).isGreaterThanOrEqualTo(2);
        assertThat(delta(before, after, "integr8scode_sandbox_overhead_seconds_count")).isGreaterThanOrEqualTo(3);
        assertThat(delta(before, after, "integr8scode_sandbox_overhead_seconds_sum")).isGreaterThan(0);
        assertThat(after.value("integr8scode_execution_wait_seconds_bucket", "le=\"+Inf\""))
                .isEqualTo(after.value("integr8scode_execution_wait_seconds_count"));
    }

    @Test
    void reportsTheSandboxesThatRunNow() {
        String sleeper = submitScript("import time; time.sleep(4)");

        PrometheusScrape during = awaitScrape(scrape -> scrape.value("integr8scode_sandboxes_live") >= 1);

        assertThat(during.value("integr8scode_sandboxes_live")).isGreaterThanOrEqualTo(1);
        awaitTerminal(sleeper, Duration.ofSeconds(30));
        assertThat(awaitScrape(scrape -> scrape.value("integr8scode_sandboxes_live") == 0).value("integr8scode_sandboxes_live"))
                .isZero();
    }

    @Test
    void reportsTheQueueDepthAndTheAgeOfItsOldestExecution() throws Exception {
        camel.getRouteController().stopRoute("dispatch-execution");
        String waiting;
        try {
            waiting = submitScript("print('waited')");
            PrometheusScrape backedUp = awaitScrape(scrape -> scrape.value("integr8scode_queue_oldest_age_seconds") >= 1);
            assertThat(backedUp.value("integr8scode_queue_depth")).isGreaterThanOrEqualTo(1);
        } finally {
            camel.getRouteController().startRoute("dispatch-execution");
        }
        assertThat(awaitTerminal(waiting, Duration.ofSeconds(30)).path("status").asText()).isEqualTo("completed");
        assertThat(awaitScrape(scrape -> scrape.value("integr8scode_queue_oldest_age_seconds") == 0)
                .value("integr8scode_queue_depth")).isZero();
    }

    private String submitOverQueueAndAwaitReply(String body) throws JMSException {
        try (Connection connection = new JmsConnectionFactory("amqp://127.0.0.1:" + BROKER_PORT).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            TextMessage message = session.createTextMessage(body);
            message.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("integr8scode.submit")).send(message);
            MessageConsumer consumer = session.createConsumer(replies);
            TextMessage reply = (TextMessage) consumer.receive(30_000);
            assertThat(reply).as("a reply to " + body).isNotNull();
            return reply.getText();
        }
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of(get("/actuator/prometheus").body());
    }

    /** Gauges refresh every few seconds and an outcome is counted just after it is stored: poll for it. */
    private PrometheusScrape awaitScrape(Predicate<PrometheusScrape> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        PrometheusScrape scrape = scrape();
        while (!condition.test(scrape)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The metrics never showed what was expected: " + scrape.series());
            }
            sleep(Duration.ofMillis(250));
            scrape = scrape();
        }
        return scrape;
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String metric, String... labels) {
        return after.value(metric, labels) - before.value(metric, labels);
    }
}
