package io.integr8scode.sandbox;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing sandbox runtime at startup into a short message naming the package to install. */
class SandboxUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<SandboxUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SandboxUnavailableException cause) {
        return new FailureAnalysis("The local sandbox cannot run: " + cause.getMessage(),
                "Install the runtime named above, or choose another with integr8scode.sandbox.runtime "
                        + "(runc, crun, runsc) or integr8scode.runner=kubernetes.", cause);
    }
}
