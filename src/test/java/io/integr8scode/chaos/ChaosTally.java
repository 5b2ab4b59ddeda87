package io.integr8scode.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.chaos.QueueSubmitter.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the chaos run came to, from what the clients were told and what the app stored and logged. Every count
 * but {@code accepted} must be zero; each problem is also listed by id so a failure says what went wrong.
 */
final class ChaosTally {

    private static final Set<String> TERMINAL = Set.of("completed", "failed", "timeout");
    private static final Pattern CLAIM = Pattern.compile("Execution (\\S+) claimed; running it");

    int accepted;
    final List<String> lost = new ArrayList<>();
    final List<String> stuck = new ArrayList<>();
    final List<String> ranTwice = new ArrayList<>();
    final List<String> contradictory = new ArrayList<>();
    /** Not errors: executions a kill interrupted mid-run, failed by recovery (they must not run again). */
    final Map<String, String> failedByTheKills = new TreeMap<>();
    /** Not errors: the same reply delivered again, or an identical reply sent again (at-least-once). */
    int repeatedReplies;

    /** Until every REST execution is terminal and every queue submission has a reply, or {@code within} passed. */
    static void awaitSettled(RestSubmitter rest, QueueSubmitter queue, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> replied = queue.replies.stream().map(Reply::correlationId).collect(Collectors.toSet());
            boolean settled = replied.containsAll(queue.accepted.keySet());
            for (String executionId : rest.accepted.keySet()) {
                JsonNode stored = rest.stored(executionId);
                settled &= stored == null || TERMINAL.contains(stored.path("status").asText());
            }
            if (settled) {
                return;
            }
            Thread.sleep(500);
        }
    }

    /** The tally of a run: what the submitters were told, what the app stores, and the claims in the app's logs. */
    static ChaosTally of(RestSubmitter rest, QueueSubmitter queue, List<Path> appLogs) throws Exception {
        List<String> logTexts = new ArrayList<>();
        for (Path log : appLogs) {
            logTexts.add(Files.readString(log));
        }
        Map<String, Integer> claims = claims(logTexts);
        ChaosTally tally = new ChaosTally();
        for (Map.Entry<String, String> submission : rest.accepted.entrySet()) {
            tally.restExecution(submission.getKey(), submission.getValue(), rest.stored(submission.getKey()), claims);
        }
        Map<String, List<Reply>> repliesByCorrelation = queue.replies.stream().collect(Collectors.groupingBy(Reply::correlationId));
        Map<String, JsonNode> storedById = new HashMap<>();
        for (Reply reply : queue.replies) {
            if (reply.executionId() != null && !storedById.containsKey(reply.executionId())) {
                storedById.put(reply.executionId(), rest.stored(reply.executionId()));
            }
        }
        for (String correlationId : queue.accepted.keySet()) {
            tally.queueSubmission(correlationId, repliesByCorrelation.getOrDefault(correlationId, List.of()), storedById, claims);
        }
        return tally;
    }

    /** Claims per execution id over every incarnation's log. */
    static Map<String, Integer> claims(List<String> logs) {
        Map<String, Integer> claims = new HashMap<>();
        for (String log : logs) {
            Matcher claim = CLAIM.matcher(log);
            while (claim.find()) {
                claims.merge(claim.group(1), 1, Integer::sum);
            }
        }
        return claims;
    }

    void restExecution(String executionId, String token, JsonNode stored, Map<String, Integer> claims) {
        accepted++;
        if (stored == null) {
            lost.add("REST " + executionId + " (" + token + ")");
            return;
        }
        checkStored("REST " + executionId, stored, token, claims);
    }

    /** A queue submission: its replies, and (for each execution they name) what is stored. */
    void queueSubmission(String correlationId, List<Reply> replies, Map<String, JsonNode> storedById, Map<String, Integer> claims) {
        accepted++;
        if (replies.isEmpty()) {
            lost.add("queue " + correlationId + " (no reply)");
            return;
        }
        Set<String> executions = replies.stream().map(Reply::executionId).collect(Collectors.toSet());
        Set<String> statuses = replies.stream().map(Reply::status).collect(Collectors.toSet());
        if (executions.size() > 1) {
            ranTwice.add("queue " + correlationId + " became executions " + executions);
        }
        if (statuses.size() > 1) {
            contradictory.add("queue " + correlationId + " got replies " + statuses);
        }
        repeatedReplies += replies.size() - 1;
        for (Reply reply : replies) {
            JsonNode stored = storedById.get(reply.executionId());
            if (stored == null) {
                lost.add("queue " + correlationId + ": replied execution " + reply.executionId() + " is not stored");
            } else if (!stored.path("status").asText().equals(reply.status())
                    || !stored.path("output").asText().equals(reply.output())) {
                contradictory.add("queue " + correlationId + ": reply " + reply.status() + " but stored "
                        + stored.path("status").asText() + " (" + reply.executionId() + ")");
            }
        }
        for (String executionId : executions) {
            JsonNode stored = storedById.get(executionId);
            if (stored != null) {
                checkStored("queue " + correlationId + " " + executionId, stored, correlationId, claims);
            }
        }
    }

    private void checkStored(String what, JsonNode stored, String token, Map<String, Integer> claims) {
        String status = stored.path("status").asText();
        String executionId = stored.path("execution_id").asText();
        if (!TERMINAL.contains(status)) {
            stuck.add(what + " is " + status);
        }
        int claimed = claims.getOrDefault(executionId, 0);
        if (claimed > 1) {
            ranTwice.add(what + " was claimed " + claimed + " times");
        }
        if (status.equals("completed") && !stored.path("output").asText().equals(ChaosScripts.expectedOutput(token))) {
            contradictory.add(what + " completed with output " + stored.path("output") + ", not its token " + token);
        }
        if (status.equals("failed")) {
            failedByTheKills.put(what, stored.path("failure_reason").asText() + ": " + stored.path("errors").asText());
        }
    }

    /** What every chaos run holds to: all of it accepted, and nothing lost, stuck, run twice or contradicted. */
    void assertNothingWentWrong(int submitted, long seed) {
        assertThat(accepted).isEqualTo(submitted);
        assertThat(lost).as("lost (seed %d)", seed).isEmpty();
        assertThat(stuck).as("stuck (seed %d)", seed).isEmpty();
        assertThat(ranTwice).as("run twice (seed %d)", seed).isEmpty();
        assertThat(contradictory).as("contradictory (seed %d)", seed).isEmpty();
    }

    String summary(long seed) {
        return String.format("chaos seed %d: accepted %d, lost %d, stuck %d, run twice %d, contradictory %d"
                        + " (failed by the kills %d, repeated replies %d)%n  lost %s%n  stuck %s%n  run twice %s%n"
                        + "  contradictory %s%n  failed by the kills %s",
                seed, accepted, lost.size(), stuck.size(), ranTwice.size(), contradictory.size(),
                failedByTheKills.size(), repeatedReplies, lost, stuck, ranTwice, contradictory, failedByTheKills);
    }
}
