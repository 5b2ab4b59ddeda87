package io.integr8scode.monitoring;

import io.integr8scode.execution.Execution;
import io.integr8scode.execution.ExecutionStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bounded {@code reason} tag of a finished execution, read from its free-text failure_reason (which names
 * limits and runtime messages, too many values for a label). The user's own doing (an exit code, a limit, a
 * signal) is kept apart from what an operator must look at: {@code sandbox} (the sandbox or pod never ran the
 * script), {@code lost} (a crash or restart while it ran) and {@code platform} (anything else the platform failed).
 */
final class FailureReasons {

    static final String NONE = "none";
    static final String EXIT_CODE = "exit_code";
    static final String TIME_LIMIT = "time_limit";
    static final String MEMORY_LIMIT = "memory_limit";
    static final String SIGNAL = "signal";
    static final String SANDBOX = "sandbox";
    static final String LOST = "lost";
    static final String PLATFORM = "platform";

    /** The reasons each final status can have. */
    static final Map<ExecutionStatus, List<String>> BY_STATUS = Map.of(
            ExecutionStatus.COMPLETED, List.of(NONE),
            ExecutionStatus.FAILED, List.of(EXIT_CODE, MEMORY_LIMIT, SIGNAL, SANDBOX, LOST, PLATFORM),
            ExecutionStatus.TIMEOUT, List.of(TIME_LIMIT, SANDBOX, PLATFORM),
            ExecutionStatus.CANCELLED, List.of(NONE));

    // First match wins; texts as the runners write them (sandbox/, kubernetes/, execution/ExecutionFailures).
    private static final Map<String, String> BY_PREFIX = linked(
            "time limit exceeded", TIME_LIMIT,
            "the pod exceeded its deadline", TIME_LIMIT,
            "the pod was still running past its deadline", TIME_LIMIT,
            "memory limit exceeded", MEMORY_LIMIT,
            "killed by signal", SIGNAL,
            "lost:", LOST,
            "cannot start", SANDBOX,
            "could not prepare the sandbox", SANDBOX,
            "sandbox bootstrap failed", SANDBOX,
            "sandbox returned no usable result", SANDBOX,
            "the container could not start", SANDBOX,
            "the pod could not be scheduled", SANDBOX,
            "the pod was still pending past its deadline", SANDBOX,
            "the pod was evicted", SANDBOX,
            "the kubernetes api did not accept", SANDBOX);

    private FailureReasons() {
    }

    static String of(Execution execution) {
        return of(execution.status(), execution.failureReason());
    }

    static String of(ExecutionStatus status, String failureReason) {
        if (status == ExecutionStatus.COMPLETED || status == ExecutionStatus.CANCELLED) {
            return NONE;
        }
        if (failureReason == null || failureReason.isBlank()) {
            return status == ExecutionStatus.TIMEOUT ? TIME_LIMIT : EXIT_CODE;
        }
        String text = failureReason.toLowerCase(Locale.ROOT);
        // "<runtime> could not run the sandbox (exit 1): ..." names the runtime first.
        if (text.contains("could not run the sandbox")) {
            return SANDBOX;
        }
        return BY_PREFIX.entrySet().stream()
                .filter(entry -> text.startsWith(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(PLATFORM);
    }

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
