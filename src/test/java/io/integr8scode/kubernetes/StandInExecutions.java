package io.integr8scode.kubernetes;

import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.integr8scode.execution.ExecutionMapper;
import io.integr8scode.sandbox.ExecutionLimits;
import io.integr8scode.sandbox.SandboxResult;
import org.apache.camel.builder.RouteBuilder;
import org.bson.Document;

/**
 * Test-only stand-ins for the pipeline's {@code direct:find-execution}, {@code direct:stop-if-requested} and
 * {@code direct:complete-execution}, with
 * the same contract: completion only moves a {@code running} execution forward. Every call is recorded, so tests
 * can tell a duplicate completion from a single one.
 */
class StandInExecutions extends RouteBuilder {

    record Completion(String executionId, SandboxResult result, boolean applied) {
    }

    private final Map<String, String> statuses = new ConcurrentHashMap<>();
    private final List<Completion> completions = new CopyOnWriteArrayList<>();
    private final Set<String> stopRequests = ConcurrentHashMap.newKeySet();

    void running(String executionId) {
        statuses.put(executionId, "running");
    }

    void finished(String executionId) {
        statuses.put(executionId, "completed");
    }

    /** As a cancel of the running execution marks it (stop_requested_at). */
    void stopRequested(String executionId) {
        stopRequests.add(executionId);
    }

    String status(String executionId) {
        return statuses.get(executionId);
    }

    List<Completion> completionsOf(String executionId) {
        return completions.stream().filter(c -> c.executionId().equals(executionId)).toList();
    }

    @Override
    public void configure() {
        from("direct:find-execution").routeId("stand-in-find-execution")
                .process(exchange -> {
                    String id = exchange.getIn().getHeader("executionId", String.class);
                    String status = statuses.get(id);
                    // As direct:find-execution answers: the stored execution, whose limits the settle route runs under.
                    ExecutionLimits limits = TestSettings.job(id).limits();
                    exchange.getIn().setBody(status == null ? null : ExecutionMapper.from(
                            new Document("_id", id).append("status", status)
                                    .append("limits", new Document("timeout_seconds", limits.timeoutSeconds())
                                            .append("memory_mb", limits.memoryMb())
                                            .append("cpu_millicores", limits.cpuMillicores()))));
                });
        from("direct:stop-if-requested").routeId("stand-in-stop-if-requested")
                .filter(exchange -> stopRequests.contains(exchange.getIn().getHeader("executionId", String.class)))
                .to("direct:stop-kubernetes");
        from("direct:complete-execution").routeId("stand-in-complete-execution")
                .process(exchange -> {
                    String id = exchange.getIn().getHeader("executionId", String.class);
                    SandboxResult result = exchange.getIn().getBody(SandboxResult.class);
                    boolean applied = statuses.replace(id, "running", result.outcome().name().toLowerCase());
                    completions.add(new Completion(id, result, applied));
                });
    }
}
