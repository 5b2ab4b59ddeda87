package io.integr8scode.judge0;

import io.integr8scode.compat.ExecutionSignals;
import io.integr8scode.execution.Execution;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Judge0 CE 1.13's submission statuses (its app/enumerations/status.rb) and how an execution maps onto them.
 * Compilation Error and Exec Format Error never happen to a Python script here; they are listed because
 * clients read the list.
 */
enum Judge0Status {
    IN_QUEUE(1, "In Queue"),
    PROCESSING(2, "Processing"),
    ACCEPTED(3, "Accepted"),
    WRONG_ANSWER(4, "Wrong Answer"),
    TIME_LIMIT_EXCEEDED(5, "Time Limit Exceeded"),
    COMPILATION_ERROR(6, "Compilation Error"),
    RUNTIME_ERROR_SIGSEGV(7, "Runtime Error (SIGSEGV)"),
    RUNTIME_ERROR_SIGXFSZ(8, "Runtime Error (SIGXFSZ)"),
    RUNTIME_ERROR_SIGFPE(9, "Runtime Error (SIGFPE)"),
    RUNTIME_ERROR_SIGABRT(10, "Runtime Error (SIGABRT)"),
    RUNTIME_ERROR_NZEC(11, "Runtime Error (NZEC)"),
    RUNTIME_ERROR_OTHER(12, "Runtime Error (Other)"),
    INTERNAL_ERROR(13, "Internal Error"),
    EXEC_FORMAT_ERROR(14, "Exec Format Error");

    /** Judge0's find_runtime_error_by_status_code: the signals it names; any other is "Other". */
    private static final Map<Integer, Judge0Status> BY_SIGNAL = Map.of(
            11, RUNTIME_ERROR_SIGSEGV, 25, RUNTIME_ERROR_SIGXFSZ, 8, RUNTIME_ERROR_SIGFPE, 6, RUNTIME_ERROR_SIGABRT);

    final int id;
    final String description;

    Judge0Status(int id, String description) {
        this.id = id;
        this.description = description;
    }

    /**
     * queued and running are In Queue and Processing; timeout is Time Limit Exceeded; a completed execution is
     * Accepted unless its stdout differs from the expected output (compared as Judge0 does: trailing
     * whitespace of every line and at the end ignored); a failed one is a runtime error by its signal, NZEC
     * for a non-zero exit, or Internal Error when the platform could not run it. Judge0 cannot cancel; a cancelled
     * execution is Runtime Error (Other), its message saying it was cancelled: while running, its script was killed
     * by a signal, and no other status tells a client that it ended without a result of its own.
     */
    static Judge0Status of(Execution execution, String expectedOutput) {
        return switch (execution.status()) {
            case QUEUED -> IN_QUEUE;
            case RUNNING -> PROCESSING;
            case TIMEOUT -> TIME_LIMIT_EXCEEDED;
            case CANCELLED -> RUNTIME_ERROR_OTHER;
            case COMPLETED -> expectedOutput == null || strip(expectedOutput).equals(strip(execution.output()))
                    ? ACCEPTED : WRONG_ANSWER;
            case FAILED -> {
                Integer signal = signal(execution);
                if (execution.exitCode() == null) {
                    yield INTERNAL_ERROR;
                }
                yield signal == null ? RUNTIME_ERROR_NZEC : BY_SIGNAL.getOrDefault(signal, RUNTIME_ERROR_OTHER);
            }
        };
    }

    static Integer signal(Execution execution) {
        return ExecutionSignals.of(execution);
    }

    private static String strip(String text) {
        if (text == null) {
            return "";
        }
        return Arrays.stream(text.split("\n")).map(String::stripTrailing).collect(Collectors.joining("\n")).stripTrailing();
    }
}
