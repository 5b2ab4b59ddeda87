package io.integr8scode.holds;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.integr8scode.SharedAppTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A finished execution no longer counts against its client's cap or the queue's: both holds are given back. */
class HoldReleaseTest extends SharedAppTest {

    @Autowired
    MongoClient mongo;

    @Test
    void aFinishedExecutionGivesBackBothHolds() {
        String token = signUp(uniqueName("holder"));
        HttpResponse<String> accepted = request("POST", "/api/v1/executions", token, "{\"script\": \"print(1)\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = json(accepted.body()).path("execution_id").asText();

        assertThat(awaitFinished(id, token)).isEqualTo("completed");

        awaitNoHolds(id);
    }

    @Test
    void everyExecutionOfABusyClientGivesBackItsHolds() {
        String token = signUp(uniqueName("busy"));
        // More than the sandbox slots, so some wait on the queue before they run.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(json(request("POST", "/api/v1/executions", token, "{\"script\": \"import time; time.sleep(1)\"}").body())
                    .path("execution_id").asText());
        }

        for (String id : ids) {
            assertThat(awaitFinished(id, token)).isEqualTo("completed");
            awaitNoHolds(id);
        }
    }

    /** Polls the user's execution until it has a final status, and returns it. */
    private String awaitFinished(String executionId, String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = "";
        while (!List.of("completed", "failed", "timeout").contains(status) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
            status = json(request("GET", "/api/v1/executions/" + executionId, token, null).body()).path("status").asText();
        }
        return status;
    }

    /** The holds go back right after the final status is stored (the status a GET can see a moment earlier). */
    private void awaitNoHolds(String executionId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!holdersOf(executionId).isEmpty() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(50));
        }
        assertThat(holdersOf(executionId)).as("documents still holding " + executionId).isEmpty();
    }

    private List<String> holdersOf(String executionId) {
        MongoCollection<Document> holds = mongo.getDatabase("integr8scode").getCollection("holds");
        return holds.find(Filters.elemMatch("holds", Filters.eq("execution_id", executionId)))
                .map(holder -> holder.getString("_id")).into(new ArrayList<>());
    }
}
