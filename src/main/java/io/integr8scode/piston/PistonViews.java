package io.integr8scode.piston;

import io.integr8scode.api.ApiProblem;
import io.integr8scode.compat.ExecutionSignals;
import io.integr8scode.execution.Execution;
import io.integr8scode.execution.ExecutionStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A finished execution as Piston v2's execute answer: {@code {language, version, run: {stdout, stderr, output,
 * code, signal, message, status, cpu_time, wall_time, memory}}}. {@code code} is the exit code, null when a
 * signal ended the script; {@code signal} its name (a limit kill is SIGKILL, as in Piston). Our sandbox keeps
 * stdout and stderr apart, so {@code output} is stdout followed by stderr, not their interleaving. {@code status}
 * uses Piston's (isolate's) codes: RE a non-zero exit, SG a signal, TO the time limit, XX the platform could
 * not run it; {@code memory} is the peak in bytes, the times in ms.
 */
@Component("pistonViews")
public class PistonViews {

    private static final String[] SIGNALS = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
            "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
            "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    private final PistonRuntime runtime;
    private final PistonProperties properties;

    PistonViews(PistonRuntime runtime, PistonProperties properties) {
        this.runtime = runtime;
        this.properties = properties;
    }

    /** The answer for an execution after the bounded wait: its result, or 504 when it has not finished. */
    public Map<String, Object> result(Execution execution, String executionId) {
        if (execution == null || !execution.status().isTerminal()) {
            throw new ApiProblem(504, "Gateway timeout", "the execution " + executionId + " did not finish within "
                    + properties.waitTimeout().toSeconds() + " s; it goes on and can be read at /api/v1/executions/" + executionId);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("language", PistonRuntime.LANGUAGE);
        answer.put("version", runtime.version());
        answer.put("run", run(execution));
        return answer;
    }

    private static Map<String, Object> run(Execution execution) {
        String stdout = execution.output() == null ? "" : execution.output();
        String stderr = execution.errors() == null ? "" : execution.errors();
        Integer signal = signal(execution);
        Execution.ResourceUsage usage = execution.resourceUsage();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("stdout", stdout);
        run.put("stderr", stderr);
        run.put("output", stdout + stderr);
        run.put("code", signal == null ? execution.exitCode() : null);
        run.put("signal", signal == null ? null : signal < SIGNALS.length ? SIGNALS[signal] : String.valueOf(signal));
        run.put("message", message(execution));
        run.put("status", status(execution, signal));
        run.put("cpu_time", usage == null ? null : usage.cpuTimeMs());
        run.put("wall_time", execution.durationMs());
        run.put("memory", usage == null || usage.maxRssKb() == null ? null : usage.maxRssKb() * 1024);
        return run;
    }

    /**
     * A time-limit kill and a cancel are SIGKILL (Piston cannot cancel; a run it killed from outside reads so);
     * otherwise the signal the sandbox reports as exit code 128 + signal with a reason.
     */
    private static Integer signal(Execution execution) {
        if (execution.status() == ExecutionStatus.TIMEOUT || execution.status() == ExecutionStatus.CANCELLED) {
            return 9;
        }
        return ExecutionSignals.of(execution);
    }

    private static String status(Execution execution, Integer signal) {
        if (execution.status() == ExecutionStatus.TIMEOUT) {
            return "TO";
        }
        if (execution.status() == ExecutionStatus.COMPLETED) {
            return null;
        }
        if (execution.status() == ExecutionStatus.CANCELLED) {
            return "SG";
        }
        if (execution.exitCode() == null) {
            return "XX";
        }
        return signal != null ? "SG" : "RE";
    }

    private static String message(Execution execution) {
        if (execution.failureReason() != null) {
            return execution.failureReason();
        }
        return execution.status() == ExecutionStatus.FAILED && execution.exitCode() != null
                ? "Exited with error status " + execution.exitCode() : null;
    }
}
