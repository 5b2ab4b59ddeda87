package io.integr8scode.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Sign-up, sign-in and who-am-I against the built-in issuer, with the refusals the UI shows. */
class AccountsTest extends SharedAppTest {

    @Test
    void registersAndAnswersWithATokenAndTheUser() {
        String name = uniqueName("ada");
        HttpResponse<String> response = request("POST", "/api/v1/auth/register", null, credentials(name, "analytical-Engine1"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = json(response.body());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(900);
        assertThat(body.path("access_token").asText()).isNotBlank();
        assertThat(body.path("user").path("username").asText()).isEqualTo(name);
        assertThat(body.path("user").path("roles").toString()).isEqualTo("[\"user\"]");

        JsonNode me = json(request("GET", "/api/v1/auth/me", body.path("access_token").asText(), null).body());
        assertThat(me.path("user_id").asText()).isEqualTo(body.path("user").path("user_id").asText());
        assertThat(me.path("username").asText()).isEqualTo(name);
    }

    @Test
    void logsInWithTheRightPasswordOnly() {
        String name = uniqueName("grace");
        request("POST", "/api/v1/auth/register", null, credentials(name, "compiler-Pioneer1"));

        HttpResponse<String> ok = request("POST", "/api/v1/auth/login", null, credentials(name.toUpperCase(), "compiler-Pioneer1"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok.body()).path("user").path("username").asText()).isEqualTo(name);

        assertProblem(request("POST", "/api/v1/auth/login", null, credentials(name, "wrong-Password1")), 401, "Wrong username or password");
        assertProblem(request("POST", "/api/v1/auth/login", null, credentials("nobody-" + name, "compiler-Pioneer1")), 401,
                "Wrong username or password");
    }

    @Test
    void refusesATakenNameIgnoringCase() {
        String name = uniqueName("alan");
        assertThat(request("POST", "/api/v1/auth/register", null, credentials(name, "turing-Machine1")).statusCode()).isEqualTo(201);

        assertProblem(request("POST", "/api/v1/auth/register", null, credentials(name.toUpperCase(), "turing-Machine2")), 400, "already taken");
    }

    @Test
    void refusesWeakPasswordsAndBadNames() {
        String name = uniqueName("weak");
        assertProblem(request("POST", "/api/v1/auth/register", null, credentials(name, "Short1")), 400, "at least 10 characters");
        assertProblem(request("POST", "/api/v1/auth/register", null, credentials(name, "alllowercaseletters")), 400, "two kinds");
        assertProblem(request("POST", "/api/v1/auth/register", null, credentials(name, "x".repeat(80) + "A")), 400, "at most 72 bytes");
        assertProblem(request("POST", "/api/v1/auth/register", null, credentials("a b", "good-Password1")), 400, "3 to 32 characters");
        assertProblem(request("POST", "/api/v1/auth/register", null, credentials("x".repeat(33), "good-Password1")), 400, "3 to 32 characters");
    }

    @Test
    void meNeedsATokenAndConfigIsPublic() {
        HttpResponse<String> me = get("/api/v1/auth/me");
        assertProblem(me, 401, "Sign in");
        assertThat(me.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));

        JsonNode config = json(get("/api/v1/auth/config").body());
        assertThat(config.path("registration_enabled").asBoolean()).isTrue();
        assertThat(config.path("anonymous_enabled").asBoolean()).isTrue();
    }

    static String credentials(String username, String password) {
        return JSON.createObjectNode().put("username", username).put("password", password).toString();
    }
}
