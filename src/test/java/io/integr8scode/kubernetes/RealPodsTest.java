package io.integr8scode.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.camel.CamelContext;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Over the REST API (and the queue), scripts really run in pods: the kubelet starts them, the kernel enforces
 * their limits, and the app's watch and poll see them end.
 */
class RealPodsTest extends ClusterAppTest {

    @Autowired
    private CamelContext camel;

    @Test
    void runsHelloWorldInAPod() {
        JsonNode execution = awaitTerminal(submitScript("print('Hello, Integr8sCode!')"), POD_RUN);

        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("completed");
        assertThat(execution.path("output").asText()).isEqualTo("Hello, Integr8sCode!\n");
        assertThat(execution.path("errors").asText()).isEmpty();
        assertThat(execution.path("exit_code").asInt()).isZero();
        assertThat(execution.path("runner").asText()).isEqualTo("kubernetes");
        awaitPodGone(execution.path("execution_id").asText());
    }

    @Test
    void deliversStdin() {
        String id = submit("{\"script\": \"import sys\\nprint(sys.stdin.read().upper(), end='')\", \"stdin\": \"shout\\nthis\"}");

        JsonNode execution = awaitTerminal(id, POD_RUN);

        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("completed");
        assertThat(execution.path("output").asText()).isEqualTo("SHOUT\nTHIS");
    }

    @Test
    void keepsStderrAndANonZeroExitApart() {
        JsonNode execution = awaitTerminal(submitScript(
                "import sys\nprint('to stdout')\nprint('to stderr', file=sys.stderr)\nsys.exit(3)"), POD_RUN);

        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("failed");
        assertThat(execution.path("exit_code").asInt()).isEqualTo(3);
        assertThat(execution.path("output").asText()).isEqualTo("to stdout\n");
        assertThat(execution.path("errors").asText()).isEqualTo("to stderr\n");
    }

    @Test
    void reportsATraceback() {
        JsonNode execution = awaitTerminal(submitScript("def divide():\n    return 1 / 0\ndivide()"), POD_RUN);

        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("failed");
        assertThat(execution.path("errors").asText()).contains("Traceback", "ZeroDivisionError");
    }

    @Test
    void capsOutputOverTheLimit() {
        JsonNode execution = awaitTerminal(submitScript(
                "import sys\nchunk = 'x' * 1024 * 1024\nfor _ in range(50):\n    sys.stdout.write(chunk)"), POD_RUN);

        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("completed");
        assertThat(execution.path("output_truncated").asBoolean()).isTrue();
        assertThat(execution.path("output").asText()).startsWith("xxxx");
        assertThat(execution.path("output").asText().length()).isLessThanOrEqualTo(1024 * 1024);
    }

    @Test
    void failsAScriptOverItsMemoryLimitWhenTheKernelKillsIt() {
        String id = submit("{\"script\": \"blocks = [bytearray(10 * 1024 * 1024) for _ in range(50)]\\nprint(len(blocks))\","
                + " \"limits\": {\"memory_mb\": 100}}");

        JsonNode execution = awaitTerminal(id, POD_RUN);

        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("failed");
        assertThat(execution.path("failure_reason").asText()).isEqualTo("memory limit exceeded (100 MB)");
    }

    @Test
    void timesOutAtTheWallTimeLimit() {
        String id = submit("{\"script\": \"print('started', flush=True)\\nwhile True: pass\", \"limits\": {\"timeout_seconds\": 3}}");

        JsonNode execution = awaitTerminal(id, POD_RUN);

        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("timeout");
        awaitPodGone(id);
    }

    @Test
    void failsAnExecutionWhosePodIsDeletedUnderneath() {
        String id = submit("{\"script\": \"import time\\ntime.sleep(30)\", \"limits\": {\"timeout_seconds\": 40}}");
        await().atMost(POD_RUN).until(() -> podRunning(id));

        admin().pods().inNamespace(EXECUTIONS).withName(ExecutionPodNaming.podName(id)).withGracePeriod(0).delete();

        JsonNode execution = awaitTerminal(id, POD_RUN);
        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("failed");
        assertThat(execution.path("failure_reason").asText()).isNotEmpty();
    }

    @Test
    void theWatchAloneFinishesExecutions() throws Exception {
        camel.getRouteController().stopRoute("kubernetes-pod-poll");
        try {
            JsonNode execution = awaitTerminal(submitScript("print('seen by the watch')"), POD_RUN);
            assertThat(execution.path("output").asText()).as("%s", execution).isEqualTo("seen by the watch\n");
        } finally {
            camel.getRouteController().startRoute("kubernetes-pod-poll");
        }
    }

    @Test
    void thePollAloneFinishesExecutions() throws Exception {
        camel.getRouteController().stopRoute("kubernetes-pod-watch");
        try {
            JsonNode execution = awaitTerminal(submitScript("print('seen by the poll')"), POD_RUN);
            assertThat(execution.path("output").asText()).as("%s", execution).isEqualTo("seen by the poll\n");
        } finally {
            camel.getRouteController().startRoute("kubernetes-pod-watch");
        }
    }

    @Test
    void runsAQueueSubmissionAndRepliesWithTheResult() throws Exception {
        Connection connection = new JmsConnectionFactory("amqp://127.0.0.1:" + BROKER_PORT).createConnection();
        try (connection) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            TextMessage submission = session.createTextMessage("{\"script\": \"print(6 * 7)\"}");
            submission.setJMSReplyTo(replies);
            submission.setJMSCorrelationID("cluster-1");
            try (MessageProducer producer = session.createProducer(session.createQueue("integr8scode.submit"))) {
                producer.send(submission);
            }
            Message reply;
            try (MessageConsumer consumer = session.createConsumer(replies)) {
                reply = consumer.receive(POD_RUN.toMillis());
            }
            assertThat(reply).isNotNull();
            JsonNode execution = json(((TextMessage) reply).getText());
            assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("completed");
            assertThat(execution.path("output").asText()).isEqualTo("42\n");
        }
    }
}
