package io.integr8scode.sandbox;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a sandbox that cannot run at startup (runtime missing, image not built) into a short message and its fix. */
class SandboxUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<SandboxUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SandboxUnavailableException cause) {
        return new FailureAnalysis("The local sandbox cannot run: " + cause.getMessage(), cause.action(), cause);
    }
}
