package io.integr8scode.sandbox;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** gVisor (runsc, ptrace platform): the strong-isolation runtime runs the same bundle. Slow: ~0.2 s a run. */
@Tag("slow")
class RunscSandboxTest {

    @TempDir
    static Path dataDir;

    static OciSandboxRunner runner;

    @BeforeAll
    static void startRunner() {
        boolean installed;
        try {
            SandboxRuntimes.locate("runsc");
            installed = true;
        } catch (SandboxUnavailableException missing) {
            installed = false;
        }
        assumeTrue(installed, "runsc (gVisor) is not installed; skipping. Install it with: apt-get install runsc");
        runner = new OciSandboxRunner(ShippedSettings.sandbox("runsc", dataDir));
    }

    @AfterAll
    static void leavesNothingBehind() {
        if (runner != null) {
            assertThat(runner.removeLeftovers()).isEmpty();
        }
    }

    static SandboxResult run(String script) {
        return runner.run(new SandboxJob("runsc-test", script, "", RealRuntimeTest.LIMITS));
    }

    @Test
    void printsHelloWorld() {
        SandboxResult result = run("print('Hello, Integr8sCode!')");

        assertThat(result.errors()).isEmpty();
        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.output()).isEqualTo("Hello, Integr8sCode!\n");
        assertThat(runner.name()).isEqualTo("runsc");
    }

    @Test
    void refusesConnectionsToTheHost() throws Exception {
        try (ServerSocket hostService = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SandboxResult result = run("""
                    import socket
                    try:
                        socket.create_connection(('127.0.0.1', %d), timeout=2)
                        print('CONNECTED')
                    except OSError as error:
                        print('refused', type(error).__name__)
                    """.formatted(hostService.getLocalPort()));

            assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(result.output()).isEqualTo("refused ConnectionRefusedError\n");
        }
    }
}
