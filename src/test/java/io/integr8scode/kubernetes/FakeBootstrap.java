package io.integr8scode.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.integr8scode.sandbox.SandboxJob;
import io.integr8scode.sandbox.SandboxResult;
import io.integr8scode.sandbox.SandboxResult.Outcome;
import io.integr8scode.sandbox.SandboxResult.ResourceUsage;

/**
 * A stand-in for the shared bootstrap protocol in route tests: the "framed result" is one line
 * {@code RESULT <exit code> <output>} that tests put into the pod log.
 */
final class FakeBootstrap implements PodBootstrap {

    static String frame(int exitCode, String output) {
        return "noise before the frame\nRESULT " + exitCode + " " + output + "\n";
    }

    @Override
    public PodLaunch launch(SandboxJob job) {
        return new PodLaunch(List.of("python3", "-c", "print('bootstrap')"), Map.of("SCRIPT", job.script()));
    }

    @Override
    public Optional<SandboxResult> parse(String podLog) {
        return podLog.lines().filter(line -> line.startsWith("RESULT ")).findFirst().map(line -> {
            String[] parts = line.split(" ", 3);
            int exitCode = Integer.parseInt(parts[1]);
            return new SandboxResult(exitCode == 0 ? Outcome.COMPLETED : Outcome.FAILED, exitCode, parts[2], "",
                    false, exitCode == 0 ? null : "exit code " + exitCode, 5, ResourceUsage.UNKNOWN);
        });
    }
}
