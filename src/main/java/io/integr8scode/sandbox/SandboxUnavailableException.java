package io.integr8scode.sandbox;

/**
 * The sandbox cannot work on this machine at all (e.g. the runtime is not installed, the sandbox image is not
 * built); the message says what is wrong and the action how to fix it.
 */
public class SandboxUnavailableException extends RuntimeException {

    private static final String CHOOSE_ANOTHER_RUNTIME = "Install the runtime named above, or choose another with "
            + "integr8scode.sandbox.runtime (runc, crun, runsc) or integr8scode.runner=kubernetes.";

    private final String action;

    /** A runtime that cannot be used: the action is to install it or to pick another. */
    public SandboxUnavailableException(String message) {
        this(message, CHOOSE_ANOTHER_RUNTIME);
    }

    public SandboxUnavailableException(String message, String action) {
        super(message);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
