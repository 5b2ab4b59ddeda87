package io.integr8scode.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Tier 3: cancelling executions whose pods really run. A running pod is stopped by the kubelet once a cancel lowers
 * its deadline; its bootstrap answers the SIGTERM with the output so far, the execution ends cancelled with that
 * output, and the pod is removed. A queued one never gets a pod.
 */
class RealPodCancelTest extends ClusterAppTest {

    /** Prints, then would loop until its 60 s limit. */
    private static final String PRINTS_THEN_LOOPS = "{\"script\": \"import time\\nprint('before the stop', flush=True)\\nwhile True:\\n    time.sleep(0.05)\", \"limits\": {\"timeout_seconds\": 60}}";

    @Test
    void stopsARunningPodAndKeepsItsOutput() {
        String id = submit(PRINTS_THEN_LOOPS);
        await().atMost(POD_RUN).until(() -> podRunning(id));
        sleep(Duration.ofSeconds(3)); // time to print once the container runs

        HttpResponse<String> answer = request("POST", "/api/v1/executions/" + id + "/cancel", null, null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode execution = awaitTerminal(id, Duration.ofSeconds(30));
        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("cancelled");
        assertThat(execution.path("output").asText()).isEqualTo("before the stop\n");
        assertThat(execution.path("failure_reason").asText()).isEqualTo("cancelled while running");
        assertThat(execution.path("exit_code").asInt()).as("the bootstrap killed the script").isEqualTo(137);
        awaitPodGone(id);
    }

    @Test
    void aFinishedExecutionCannotBeCancelled() {
        String id = submitScript("print('done')");
        JsonNode execution = awaitTerminal(id, POD_RUN);
        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("completed");

        assertProblem(request("POST", "/api/v1/executions/" + id + "/cancel", null, null), 409, "is completed");
    }
}
