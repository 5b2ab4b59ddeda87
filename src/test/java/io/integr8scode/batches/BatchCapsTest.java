package io.integr8scode.batches;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.integr8scode.AppTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A batch takes its places under the caps all or none, in an app that queues without running: over the caller's
 * cap of unfinished executions it is refused whole (429), over max-queued too (503), and neither leaves an
 * execution or a hold behind.
 */
@DirtiesContext
class BatchCapsTest extends AppTestSupport {

    @Autowired
    MongoClient mongo;

    @DynamicPropertySource
    static void smallCaps(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), freePort());
        registry.add("integr8scode.executions.dispatch-enabled", () -> "false");
        registry.add("integr8scode.executions.max-queued", () -> "3");
        registry.add("integr8scode.quota.max-active-per-user", () -> "2");
    }

    @Test
    void aBatchIsWithinTheCapsWholeOrRefusedWhole() {
        String alice = signUp(uniqueName("alice"));
        String bob = signUp(uniqueName("bob"));

        assertProblem(request("POST", "/api/v1/executions/batch", alice, BatchTest.batchOf("print(1)", "print(2)", "print(3)")), 429, null);
        assertThat(queued()).isZero();
        assertThat(queueHolds()).isEmpty();

        assertThat(request("POST", "/api/v1/executions/batch", alice, BatchTest.batchOf("print(1)", "print(2)")).statusCode()).isEqualTo(202);
        assertThat(queued()).isEqualTo(2);

        HttpResponseCheck.queueFull(request("POST", "/api/v1/executions/batch", bob, BatchTest.batchOf("print(1)", "print(2)")));
        assertThat(queued()).isEqualTo(2);
        assertThat(queueHolds()).hasSize(2);
        // Alice's two unfinished executions are the only client holds: bob's refused batch left none.
        assertThat(store().getCollection("holds").find(Filters.regex("_id", "^client:")).into(new ArrayList<>())
                .stream().mapToInt(holder -> holder.getList("holds", Document.class).size()).sum()).isEqualTo(2);
        assertThat(json(request("GET", "/api/v1/executions", bob, null).body()).path("total").asLong()).isZero();
    }

    private MongoDatabase store() {
        return mongo.getDatabase("integr8scode");
    }

    private long queued() {
        return store().getCollection("executions").countDocuments(Filters.eq("status", "queued"));
    }

    private List<Document> queueHolds() {
        Document queue = store().getCollection("holds").find(Filters.eq("_id", "queued")).first();
        return queue == null ? List.of() : queue.getList("holds", Document.class);
    }

    /** The refusal of a full queue: 503 with Retry-After. */
    private static final class HttpResponseCheck {
        static void queueFull(java.net.http.HttpResponse<String> response) {
            assertProblem(response, 503, "waiting");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        }
    }
}
