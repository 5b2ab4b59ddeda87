package io.integr8scode.sandbox;

/** Runs one script once in a fresh sandbox. Implementations are safe to call from several threads at once. */
public interface SandboxRunner {

    /** Runs the job to its end; never throws for anything the script or the sandbox does. */
    SandboxResult run(SandboxJob job);

    /** A short name for the execution record's {@code runner} field, e.g. {@code runc}. */
    String name();
}
