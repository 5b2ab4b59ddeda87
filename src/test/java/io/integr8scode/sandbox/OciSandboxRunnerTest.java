package io.integr8scode.sandbox;

import io.integr8scode.execution.ExecutionLimits;
import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Real runc: every test starts a real container. */
class OciSandboxRunnerTest {

    static final ExecutionLimits LIMITS = new ExecutionLimits(10, 128, 1000);

    @TempDir
    static Path dataDir;

    static OciSandboxRunner runner;

    @BeforeAll
    static void startRunner() {
        runner = new OciSandboxRunner(SandboxProperties.defaults("runc", dataDir));
    }

    @AfterAll
    static void nothingLeftBehind() {
        assertThat(runner.removeLeftovers()).isEmpty();
    }

    static SandboxResult run(String script) {
        return runner.run(new SandboxJob("test-exec", script, "", LIMITS));
    }

    @Test
    void printsHelloWorld() {
        SandboxResult result = run("print('Hello, Integr8sCode!')");

        assertThat(result.errors()).isEmpty();
        assertThat(result.output()).isEqualTo("Hello, Integr8sCode!\n");
        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.exitCode()).isZero();
        assertThat(result.failureReason()).isNull();
    }
}
