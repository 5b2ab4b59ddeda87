package io.integr8scode.kubernetes;

import io.integr8scode.sandbox.SandboxResult.Outcome;

/**
 * What an observed pod means for its execution. {@code WAIT}: still going. {@code COLLECT}: the container ended;
 * its log holds the result (when {@code outcome} is set too, the kubelet stopped it at its deadline: the log holds
 * the output until then, and {@code outcome} and {@code failureReason} say how it ended). {@code END}: it ended
 * without a usable result; {@code outcome} and {@code failureReason} say how. {@code podGone} is set when the
 * observation was the pod's deletion.
 */
record PodVerdict(Action action, Outcome outcome, String failureReason, boolean podGone) {

    enum Action { WAIT, COLLECT, END }

    static final PodVerdict WAIT = new PodVerdict(Action.WAIT, null, null, false);

    static PodVerdict collect(boolean podGone) {
        return new PodVerdict(Action.COLLECT, null, null, podGone);
    }

    static PodVerdict failed(String reason, boolean podGone) {
        return new PodVerdict(Action.END, Outcome.FAILED, reason, podGone);
    }

    static PodVerdict timedOut(String reason) {
        return new PodVerdict(Action.END, Outcome.TIMEOUT, reason, false);
    }

    /**
     * The kubelet stopped the pod at its deadline (its own, or one lowered by a cancel, PodStopper): SIGTERM, to which
     * the bootstrap answers with a frame holding the output so far; the log is read for it.
     */
    static PodVerdict stoppedAtDeadline(String reason, boolean podGone) {
        return new PodVerdict(Action.COLLECT, Outcome.TIMEOUT, reason, podGone);
    }

    boolean settles() {
        return action != Action.WAIT;
    }
}
