package io.integr8scode;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A store that fails inside a shared step (a route with no policy of its own) still reaches the HTTP entry
 * route's policy: the caller gets problem+json 503, never an empty 500. The MongoDB steps (the {{integr8scode.mongodb.*-endpoint}} sends) of the advised routes
 * throw while {@link #failing} names their route.
 */
@CamelSpringBootTest
@DirtiesContext
class StoreFailureTest extends AppTestSupport {

    private static final List<String> ADVISED = List.of("find-execution-visible-to-caller", "find-owned-script", "accept-execution",
            "list-executions", "create-script");
    private static final AtomicReference<String> failing = new AtomicReference<>();
    private static boolean advised;

    @Autowired
    CamelContext camel;

    @DynamicPropertySource
    static void ownApp(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), freePort());
    }

    @BeforeEach
    void adviseTheStoreStepsOnce() throws Exception {
        if (!advised) {
            for (String routeId : ADVISED) {
                AdviceWith.adviceWith(camel, routeId, route -> route.weaveByToUri(".*mongodb.*").before().process(exchange -> {
                    if (routeId.equals(failing.get())) {
                        throw new MongoSocketReadException("connection reset", new ServerAddress("store.invalid"));
                    }
                }));
            }
            advised = true;
        }
    }

    @AfterEach
    void storeWorksAgain() {
        failing.set(null);
    }

    @Test
    void readingAnExecutionAnswers503() {
        String id = submitScript("print(1)");
        failing.set("find-execution-visible-to-caller");

        assertUnavailable(get("/api/v1/executions/" + id));
        assertUnavailable(get("/result/" + id));
    }

    @Test
    void submittingAnswers503() {
        failing.set("accept-execution");

        assertUnavailable(post("/api/v1/executions", "application/json", "{\"script\": \"print(1)\"}"));
    }

    @Test
    void listingAnswers503() {
        String token = signUp(uniqueName("lister"));
        failing.set("list-executions");

        assertUnavailable(request("GET", "/api/v1/executions", token, null));
    }

    @Test
    void savingAndRunningAScriptAnswer503() {
        String token = signUp(uniqueName("saver"));
        String id = json(request("POST", "/api/v1/scripts", token, "{\"name\": \"s\", \"script\": \"print(1)\"}").body()).path("script_id").asText();

        failing.set("create-script");
        assertUnavailable(request("POST", "/api/v1/scripts", token, "{\"name\": \"t\", \"script\": \"print(1)\"}"));
        failing.set("find-owned-script");
        assertUnavailable(request("POST", "/api/v1/scripts/" + id + "/run", token, null));
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response.body()).path("title").asText()).isEqualTo("Service unavailable");
        assertThat(json(response.body()).path("detail").asText()).isEqualTo("The execution store is not answering; try again shortly.");
    }
}
