package io.integr8scode.sandbox;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bootstrap the way a pod runs it: {@code python3 -c <source>} with the job inline in the environment.
 * Runs on the host (not as PID 1), as root like a pod's bootstrap, under every Python found that a pod image might
 * have and that the script's user can run (an interpreter under root's private home is not one).
 */
class BootstrapInlineModeTest {

    static final SandboxProperties SETTINGS = ShippedSettings.sandbox(Map.of("integr8scode.sandbox.open-files-limit", 40));

    static Stream<String> interpreters() throws IOException {
        List<String> found = new ArrayList<>(List.of("/usr/bin/python3"));
        Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv", "versions");
        if (Files.isDirectory(pyenv)) {
            try (Stream<Path> versions = Files.list(pyenv)) {
                versions.filter(dir -> dir.getFileName().toString().matches("3\\.1[2-9].*"))
                        .map(dir -> dir.resolve("bin/python3"))
                        .filter(Files::isExecutable)
                        .filter(BootstrapInlineModeTest::everyoneMayRun)
                        .forEach(python -> found.add(python.toString()));
            }
        }
        return found.stream();
    }

    /** The script runs as another user than the bootstrap: every folder on the way must let others through. */
    static boolean everyoneMayRun(Path python) {
        for (Path dir = python.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException unreadable) {
                return false;
            }
        }
        return true;
    }

    static SandboxResult runInline(String python, SandboxJob job) throws Exception {
        return runInline(python, job, BootstrapProtocol.environmentFor(job, SETTINGS.specFor(job.limits())));
    }

    static SandboxResult runInline(String python, SandboxJob job, Map<String, String> protocol) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(python, "-I", "-S", "-c", BootstrapProtocol.bootstrapSource());
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8"));
        builder.environment().putAll(protocol);
        Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return BootstrapProtocol.parse(stdout, new RunEvidence(job.limits(), false, 0));
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void runsAnInlineScriptWithStdin(String python) throws Exception {
        SandboxResult result = runInline(python, new SandboxJob("pod", """
                import os, sys
                print(sys.stdin.read().upper(), end='')
                print(sorted(key for key in os.environ if key.startswith('I8S_')))
                print('x' * 1_100_000)
                sys.exit(4)
                """, "piped ✓\n", new ExecutionLimits(10, 128, 1000)));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.output()).startsWith("PIPED ✓\n[]\nxxx");
        assertThat(result.output().getBytes(StandardCharsets.UTF_8)).hasSize(1024 * 1024);
        assertThat(result.outputTruncated()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void killsTheScriptAndItsChildrenAtTheTimeLimit(String python) throws Exception {
        long started = System.nanoTime();
        SandboxResult result = runInline(python, new SandboxJob("pod", """
                import subprocess
                subprocess.Popen(['sleep', '30'])
                print('started', flush=True)
                while True: pass
                """, "", new ExecutionLimits(1, 128, 1000)));

        assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.output()).isEqualTo("started\n");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(4000);
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void startsTheScriptWithTheOpenFilesLimitAPodSpecCannotSet(String python) throws Exception {
        SandboxResult result = runInline(python, new SandboxJob("pod", """
                import resource
                print(resource.getrlimit(resource.RLIMIT_NOFILE))
                """, "", new ExecutionLimits(10, 128, 1000)));

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.output()).isEqualTo("(40, 40)\n");
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void refusesToRunWithoutALimitInsteadOfGuessingOne(String python) throws Exception {
        SandboxJob job = new SandboxJob("pod", "print('never')", "", new ExecutionLimits(10, 128, 1000));
        Map<String, String> protocol = new HashMap<>(BootstrapProtocol.environmentFor(job, SETTINGS.specFor(job.limits())));
        protocol.remove(BootstrapProtocol.ENV_OPEN_FILES_LIMIT);

        SandboxResult result = runInline(python, job, protocol);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.failureReason())
                .isEqualTo("sandbox bootstrap failed: invalid sandbox input: I8S_OPEN_FILES_LIMIT is missing");
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void runsTheScriptAsItsOwnUserWithNoCapabilities(String python) throws Exception {
        SandboxResult result = runInline(python, new SandboxJob("pod", """
                import os
                print(os.getresuid(), os.getresgid(), os.getgroups())
                print([line.split()[1] for line in open('/proc/self/status') if line.startswith('Cap')])
                """, "", new ExecutionLimits(10, 128, 1000)));

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.output()).isEqualTo("(65534, 65534, 65534) (65534, 65534, 65534) []\n"
                + "['0000000000000000', '0000000000000000', '0000000000000000', '0000000000000000', "
                + "'0000000000000000']\n");
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void neverRunsTheScriptAsRoot(String python) throws Exception {
        SandboxJob job = new SandboxJob("pod", "print('never')", "", new ExecutionLimits(10, 128, 1000));
        Map<String, String> protocol = new HashMap<>(BootstrapProtocol.environmentFor(job, SETTINGS.specFor(job.limits())));
        protocol.put(BootstrapProtocol.ENV_SCRIPT_UID, "0");

        SandboxResult result = runInline(python, job, protocol);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.failureReason())
                .isEqualTo("sandbox bootstrap failed: invalid sandbox input: I8S_SCRIPT_UID must be positive");
    }
}
