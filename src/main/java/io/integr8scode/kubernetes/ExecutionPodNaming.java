package io.integr8scode.kubernetes;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Names and labels of execution pods. The pod name is a function of the execution id, so a redelivered job finds
 * (409) the pod its first delivery created instead of starting a second one.
 */
final class ExecutionPodNaming {

    static final String EXECUTION_ID_LABEL = "integr8scode.io/execution-id";
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    static final String MANAGED_BY = "integr8scode";

    private static final String NAME_PREFIX = "exec-";
    // A label value and, after the prefix, a DNS-1123 pod name: lower-case alphanumerics and '-', at most 63 chars.
    private static final Pattern USABLE_ID = Pattern.compile("[a-z0-9]([-a-z0-9]{0,56}[a-z0-9])?");

    private ExecutionPodNaming() {
    }

    static String podName(String executionId) {
        if (executionId == null || !USABLE_ID.matcher(executionId).matches()) {
            throw new IllegalArgumentException("execution id '" + executionId
                    + "' cannot name a pod (lower-case letters, digits and '-', at most 58 characters)");
        }
        return NAME_PREFIX + executionId;
    }

    static Map<String, String> labels(String executionId) {
        return new TreeMap<>(Map.of(
                "app.kubernetes.io/name", "integr8scode-execution",
                "app.kubernetes.io/component", "script-execution",
                "app.kubernetes.io/part-of", "integr8scode",
                MANAGED_BY_LABEL, MANAGED_BY,
                EXECUTION_ID_LABEL, executionId));
    }

    /** The label selector of every pod this application manages: what the watch and the poll look at. */
    static Map<String, String> managedSelector() {
        return Map.of(MANAGED_BY_LABEL, MANAGED_BY);
    }

    static Optional<String> executionId(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return Optional.ofNullable(labels == null ? null : labels.get(EXECUTION_ID_LABEL));
    }
}
