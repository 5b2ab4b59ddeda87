package io.integr8scode.sandbox;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding the runtime, probing it, and what a run reports when the runtime itself fails. */
class SandboxRuntimesTest {

    @TempDir
    Path dir;

    @Test
    void findsRuncAndReportsItsVersion() {
        Path runc = SandboxRuntimes.locate("runc");

        assertThat(runc).isExecutable();
        assertThat(SandboxRuntimes.version(runc)).startsWith("runc version ");
    }

    @Test
    void namesTheDebianPackageWhenTheRuntimeIsMissing() {
        assertThatThrownBy(() -> SandboxRuntimes.locate("crun", List.of(dir.toString())))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("apt-get install crun");
    }

    @Test
    void refusesAnUnknownRuntime() {
        assertThatThrownBy(() -> SandboxRuntimes.locate("docker"))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("use runc, crun or runsc");
    }

    /** A stand-in for runc that logs its calls and does what {@code script} says for "run". */
    OciSandboxRunner runnerWithFakeRuntime(String onRun, int graceSeconds) throws Exception {
        Path fakeRuntime = dir.resolve("runc");
        Files.writeString(fakeRuntime, """
                #!/bin/sh
                echo "$*" >> "$(dirname "$0")/calls"
                case "$*" in
                  *" run "*) %s;;
                  *" kill "*) kill -9 "$(cat "$(dirname "$0")/run.pid")";;
                esac
                """.formatted(onRun));
        Files.setAttribute(fakeRuntime, "unix:mode", 0755);
        SandboxProperties properties = ShippedSettings.sandbox(Map.of(
                "integr8scode.sandbox.data-dir", dir.resolve("data").toString(),
                "integr8scode.sandbox.state-dir", dir.resolve("state").toString(),
                "integr8scode.sandbox.kill-grace-seconds", graceSeconds,
                "integr8scode.sandbox.pool.enabled", false));
        return new OciSandboxRunner(properties, fakeRuntime, dir.resolve("no-cgroups"));
    }

    @Test
    void reportsARuntimeFailureAsAPlatformFailureWithItsMessage() throws Exception {
        OciSandboxRunner runner = runnerWithFakeRuntime("echo 'time=\"2026-01-01T00:00:00Z\" level=error "
                + "msg=\"runc run failed: unable to start container process: boom\"' >&2; exit 1", 5);

        SandboxResult result = runner.run(new SandboxJob("broken", "print(1)", "", RealRuntimeTest.LIMITS));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.exitCode()).isNull();
        assertThat(result.failureReason())
                .isEqualTo("runc could not run the sandbox (exit 1): runc run failed: unable to start container process: boom");
        assertThat(runner.awaitTeardowns(30_000)).as("the sandbox is deleted after its result").isTrue();
        assertThat(dir.resolve("data/runs")).isEmptyDirectory();
    }

    @Test
    void killsAndDeletesASandboxThatOutlivesItsTimeLimit() throws Exception {
        OciSandboxRunner runner = runnerWithFakeRuntime("echo $$ > \"$(dirname \"$0\")/run.pid\"; exec sleep 30", 1);

        SandboxResult result = runner.run(new SandboxJob("stuck", "print(1)", "", new ExecutionLimits(1, 64, 500)));

        assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.failureReason())
                .isEqualTo("time limit exceeded (1 s); the sandbox had to be killed from outside");
        assertThat(result.durationMs()).isBetween(2000L, 4000L);
        assertThat(runner.awaitTeardowns(30_000)).as("the sandbox is deleted after its result").isTrue();
        String id = Files.readAllLines(dir.resolve("calls")).get(0).replaceAll(".* ", "");
        assertThat(Files.readAllLines(dir.resolve("calls")).stream().map(call -> call.replaceAll("^--root \\S+ ", "")))
                .containsSubsequence("run --keep --bundle " + dir.resolve("data/runs/" + id) + " " + id,
                        "kill " + id + " KILL", "delete --force " + id);
    }
}
