package io.integr8scode.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A signed-in user's executions are theirs: another user (or an anonymous caller) gets 404 on every read
 * path and never sees them listed. Anonymous executions stay readable by id. Admins see everything.
 */
class OwnershipTest extends SharedAppTest {

    @Test
    void anotherUserCannotReadAnExecution() {
        String alice = signUp(uniqueName("alice"));
        String bob = signUp(uniqueName("bob"));
        String id = submitAs(alice, "print('private')");

        HttpResponse<String> own = request("GET", "/api/v1/executions/" + id, alice, null);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(json(own.body()).path("owner").asText()).startsWith("alice-");

        // EventSource cannot send headers: the owner's stream takes the token as a query parameter.
        HttpResponse<String> events = get("/api/v1/executions/" + id + "/events?access_token=" + alice);
        assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
        assertThat(events.body()).contains("event:status");
        assertThat(get("/api/v1/executions/" + id + "?access_token=" + alice).statusCode()).as("query tokens only for events").isEqualTo(404);

        for (String path : List.of("/api/v1/executions/" + id, "/result/" + id, "/api/v1/executions/" + id + "/events")) {
            assertProblem(request("GET", path, bob, null), 404, id);
            assertProblem(get(path), 404, id);
        }
    }

    @Test
    void anonymousExecutionsAreReadableByIdByAnyone() {
        String id = submitScript("print('shared')");

        assertThat(request("GET", "/api/v1/executions/" + id, signUp(uniqueName("carol")), null).statusCode()).isEqualTo(200);
        assertThat(get("/result/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void listsOnlyTheUsersOwnExecutionsNewestFirstInPages() {
        String dave = signUp(uniqueName("dave"));
        String erin = signUp(uniqueName("erin"));
        List<String> daves = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            daves.add(submitAs(dave, "print(" + i + ")"));
        }
        String erins = submitAs(erin, "print('erin')");

        JsonNode first = list(dave, "?page=0&size=2");
        assertThat(first.path("total").asLong()).isEqualTo(3);
        assertThat(first.path("size").asInt()).isEqualTo(2);
        assertThat(ids(first)).containsExactly(daves.get(2), daves.get(1));
        assertThat(first.path("items").get(0).path("script_preview").asText()).isEqualTo("print(2)");
        JsonNode second = list(dave, "?page=1&size=2");
        assertThat(ids(second)).containsExactly(daves.get(0));

        assertThat(ids(list(erin, ""))).containsExactly(erins);
        assertProblem(get("/api/v1/executions"), 401, "Sign in");
        assertProblem(request("GET", "/api/v1/executions?size=1000", dave, null), 400, "'size'");
    }

    @Test
    void anAdminSeesAndListsEveryone() {
        String frank = signUp(uniqueName("frank"));
        String id = submitAs(frank, "print('frank')");
        String admin = signInAdmin();

        assertThat(request("GET", "/api/v1/executions/" + id, admin, null).statusCode()).isEqualTo(200);
        JsonNode all = list(admin, "?size=100");
        assertThat(ids(all)).contains(id);
        assertThat(json(request("GET", "/api/v1/auth/me", admin, null).body()).path("roles").toString()).contains("admin");
    }

    private String submitAs(String token, String script) {
        HttpResponse<String> response = request("POST", "/api/v1/executions", token, JSON.createObjectNode().put("script", script).toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response.body()).path("execution_id").asText();
    }

    private JsonNode list(String token, String query) {
        HttpResponse<String> response = request("GET", "/api/v1/executions" + query, token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("execution_id").asText()));
        return ids;
    }
}
