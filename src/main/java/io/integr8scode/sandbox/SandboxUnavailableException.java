package io.integr8scode.sandbox;

/** The sandbox cannot work on this machine at all (e.g. the runtime is not installed); the message says how to fix it. */
public class SandboxUnavailableException extends RuntimeException {

    public SandboxUnavailableException(String message) {
        super(message);
    }
}
