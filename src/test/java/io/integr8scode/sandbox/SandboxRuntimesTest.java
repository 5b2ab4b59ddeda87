package io.integr8scode.sandbox;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    @Test
    void reportsARuntimeFailureAsAPlatformFailureWithItsMessage() throws Exception {
        Path fakeRuntime = dir.resolve("runc");
        Files.writeString(fakeRuntime, """
                #!/bin/sh
                case "$*" in *" run "*)
                  echo 'time="2026-01-01T00:00:00Z" level=error msg="runc run failed: unable to start container process: boom"' >&2
                  exit 1;;
                esac
                """);
        Files.setAttribute(fakeRuntime, "unix:mode", 0755);
        OciSandboxRunner runner = new OciSandboxRunner(SandboxProperties.defaults("runc", dir.resolve("data")),
                fakeRuntime, dir.resolve("no-cgroups"));

        SandboxResult result = runner.run(new SandboxJob("broken", "print(1)", "", RealRuntimeTest.LIMITS));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.exitCode()).isNull();
        assertThat(result.failureReason())
                .isEqualTo("runc could not run the sandbox (exit 1): runc run failed: unable to start container process: boom");
        assertThat(dir.resolve("data/runs")).isEmptyDirectory();
    }
}
