package io.integr8scode.kubernetes;

import io.integr8scode.sandbox.SandboxJob;
import io.integr8scode.sandbox.SandboxResult;

import java.util.Optional;

/** The bootstrap protocol as the pod runner needs it: how to start a job, and how to read its framed result. */
interface PodBootstrap {

    PodLaunch launch(SandboxJob job);

    /** The framed result the bootstrap printed into the pod's log; empty when the log holds none. */
    Optional<SandboxResult> parse(String podLog);
}
