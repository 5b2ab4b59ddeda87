package io.integr8scode.compat;

import io.integr8scode.execution.Execution;
import io.integr8scode.execution.ExecutionStatus;

/** The signal that ended an execution, as the drop-in APIs report it (Judge0's exit_signal, Piston's signal). */
public final class ExecutionSignals {

    private ExecutionSignals() {
    }

    /**
     * The signal that ended a failed script, or null. The sandbox reports a kill as exit code 128 + signal with a
     * failure reason (a limit, or "killed by signal"); a script's own exit(137) has no reason and is an exit code.
     */
    public static Integer of(Execution execution) {
        Integer code = execution.exitCode();
        return execution.status() == ExecutionStatus.FAILED && execution.failureReason() != null && code != null && code > 128
                ? code - 128 : null;
    }
}
