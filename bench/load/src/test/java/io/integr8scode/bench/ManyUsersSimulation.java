package io.integr8scode.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Many users at once: a third sign up and submit with their token, the rest stay anonymous. Each submits a mix of
 * scripts (mostly quick, some slow, failing or memory-hungry), follows the execution's Server-Sent Events to its
 * final status, and reads the result. Settings as system properties: base.url, users (concurrent), duration
 * (seconds at full load), max.submit.p95.ms and max.read.p95.ms (the percentile assertions, 2000 and 1000). The
 * assertions (also: under 1% failed requests, every execution reaching its expected status) fail the run and
 * bench/load.sh when they do not hold.
 */
public class ManyUsersSimulation extends Simulation {

    private static final String BASE_URL = System.getProperty("base.url", "http://127.0.0.1:8080");
    private static final int USERS = Integer.getInteger("users", 30);
    private static final Duration FULL_LOAD = Duration.ofSeconds(Integer.getInteger("duration", 60));
    /** Gatling hands an SSE message to checks as JSON with the event's data as an escaped string: quotes may be escaped. */
    private static final String FINAL_STATUS = "status\\\\?\":\\\\?\"(completed|failed|timeout)";

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .userAgentHeader("integr8scode-load");

    /** A submission of one kind of script, followed to its final status, which must be the expected one. */
    private static ChainBuilder submit(String name, String body, String expectedStatus, boolean signedIn) {
        return exec(authorized(http("submit " + name).post("/api/v1/executions"), signedIn)
                        .body(StringBody(body))
                        .check(status().is(202), jsonPath("$.execution_id").saveAs("executionId")))
                .exec(sse("follow " + name).get("/api/v1/executions/#{executionId}/events")
                        .headers(signedIn ? Map.of("Authorization", "Bearer #{token}") : Map.of())
                        .await(Duration.ofSeconds(120)).on(
                                sse.checkMessage("final status").matching(regex(FINAL_STATUS)).check(regex(FINAL_STATUS))))
                .exec(sse("close " + name).close())
                .exec(authorized(http("read " + name).get("/api/v1/executions/#{executionId}"), signedIn)
                        .check(status().is(200), jsonPath("$.status").is(expectedStatus)));
    }

    private static HttpRequestActionBuilder authorized(HttpRequestActionBuilder request, boolean signedIn) {
        return signedIn ? request.header("Authorization", "Bearer #{token}") : request;
    }

    /** Mostly quick scripts; some slow, failing or memory-hungry ones. */
    private static ChainBuilder mixedScript(boolean signedIn) {
        return randomSwitch().on(
                new Choice.WithWeight(70, submit("quick", "{\"script\": \"print(sum(range(1000)))\"}", "completed", signedIn)),
                new Choice.WithWeight(10, submit("slow", "{\"script\": \"import time; time.sleep(2); print('done')\"}", "completed", signedIn)),
                new Choice.WithWeight(10, submit("failing", "{\"script\": \"raise SystemExit(3)\"}", "failed", signedIn)),
                new Choice.WithWeight(10, submit("memory-hungry",
                        "{\"script\": \"b = bytearray(200 * 1024 * 1024)\", \"limits\": {\"memory_mb\": 64}}", "failed", signedIn)));
    }

    private static final ChainBuilder SIGN_UP = exec(session -> session.set("username", "load-" + UUID.randomUUID().toString().substring(0, 18)))
            .exec(http("sign up").post("/api/v1/auth/register")
                    .body(StringBody("{\"username\": \"#{username}\", \"password\": \"a-long-load-passphrase\"}"))
                    .check(status().is(201), jsonPath("$.access_token").saveAs("token")));

    private final ScenarioBuilder anonymous = scenario("anonymous users").exec(mixedScript(false));
    private final ScenarioBuilder signedIn = scenario("signed-in users").exec(SIGN_UP).exec(mixedScript(true));

    {
        int signedInUsers = Math.max(1, USERS / 3);
        int anonymousUsers = Math.max(1, USERS - signedInUsers);
        Duration ramp = Duration.ofSeconds(10);
        setUp(
                anonymous.injectClosed(rampConcurrentUsers(0).to(anonymousUsers).during(ramp),
                        constantConcurrentUsers(anonymousUsers).during(FULL_LOAD)),
                signedIn.injectClosed(rampConcurrentUsers(0).to(signedInUsers).during(ramp),
                        constantConcurrentUsers(signedInUsers).during(FULL_LOAD)))
                .protocols(protocol)
                .assertions(
                        global().failedRequests().percent().lt(1.0),
                        details("submit quick").responseTime().percentile(95.0).lt(Integer.getInteger("max.submit.p95.ms", 2000)),
                        details("read quick").responseTime().percentile(95.0).lt(Integer.getInteger("max.read.p95.ms", 1000)));
    }
}
