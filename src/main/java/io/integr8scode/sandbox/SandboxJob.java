package io.integr8scode.sandbox;


/**
 * One script to run once in a fresh sandbox. {@code stdin} may be empty but never null. {@code liveOutput} gets the
 * script's output while it runs (local runner; the Kubernetes runner follows the pod's log instead).
 */
public record SandboxJob(String executionId, String script, String stdin, ExecutionLimits limits,
                         OutputObserver liveOutput) {

    public SandboxJob {
        liveOutput = liveOutput == null ? OutputObserver.NONE : liveOutput;
    }

    public SandboxJob(String executionId, String script, String stdin, ExecutionLimits limits) {
        this(executionId, script, stdin, limits, OutputObserver.NONE);
    }

    /** This job with its live output going to {@code observer}. */
    public SandboxJob withLiveOutput(OutputObserver observer) {
        return new SandboxJob(executionId, script, stdin, limits, observer);
    }
}
