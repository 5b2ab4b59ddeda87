package io.integr8scode.sandbox;

/**
 * Receives a run's live output, in order, on a runner's reading thread: it must not block for long (the
 * sandbox's output waits meanwhile) and should not throw (a failure only loses live output, never the result).
 */
@FunctionalInterface
public interface OutputObserver {

    /** Nobody listens: the default of a {@link SandboxJob}. */
    OutputObserver NONE = chunk -> {
    };

    void onChunk(OutputChunk chunk);
}
