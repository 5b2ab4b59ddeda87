package io.integr8scode.sandbox;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real containers: each scenario runs a script in a fresh sandbox and checks what it could do, under every OCI
 * runtime the local runner supports. runsc (gVisor, systrap platform) belongs to the slow tier.
 */
class OciSandboxRunnerTest {

    @Nested
    class Runc extends Scenarios {
        @Override
        String runtime() {
            return "runc";
        }
    }

    /** The same scenarios in warm sandboxes from the pool. */
    @Nested
    class RuncPooled extends Runc {
        @Override
        boolean pooled() {
            return true;
        }
    }

    @Nested
    class Crun extends Scenarios {
        @Override
        String runtime() {
            return "crun";
        }
    }

    /**
     * gVisor as infra/gvisor/build.sh builds it, with the bundle's seccomp filter (--oci-seccomp): it must contain
     * every scenario the way runc does.
     */
    @Nested
    @Tag("slow")
    class Runsc extends Scenarios {
        @Override
        String runtime() {
            return "runsc";
        }
    }

    @Nested
    @Tag("slow")
    class RunscPooled extends Runsc {
        @Override
        boolean pooled() {
            return true;
        }
    }

    abstract static class Scenarios extends RealRuntimeTest {

        static final String SHOW_PRIVILEGES = """
                import os
                wanted = ('Uid', 'Gid', 'Groups', 'CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb', 'NoNewPrivs', 'Seccomp')
                for line in open('/proc/self/status'):
                    if line.split(':')[0] in wanted:
                        print(' '.join(line.split()))
                for path in ('/proc/1/environ', '/proc/1/fd'):
                    try:
                        os.listdir(path) if path.endswith('fd') else open(path).read()
                        print(path, 'readable')
                    except PermissionError:
                        print(path, 'denied')
                """;

        static final String THREADS_SUBPROCESS_AND_UNSHARE = """
                import ctypes, subprocess, threading
                thread = threading.Thread(target=print, args=('thread ok',))
                thread.start(); thread.join()
                print(subprocess.run(['/bin/echo', 'subprocess ok'], capture_output=True, text=True).stdout, end='')
                libc = ctypes.CDLL(None, use_errno=True)
                print('unshare', libc.unshare(0x10000000), ctypes.get_errno())
                """;

        @Test
        void printsHelloWorld() {
            SandboxResult result = completed("print('Hello, Integr8sCode!')");

            assertThat(runner.name()).isEqualTo(runtime());
            assertThat(result.output()).isEqualTo("Hello, Integr8sCode!\n");
            assertThat(result.exitCode()).isZero();
            assertThat(result.failureReason()).isNull();
            assertThat(result.outputTruncated()).isFalse();
            assertThat(result.usage().cpuTimeMs()).isNotNull();
            assertThat(result.usage().maxRssKb()).isPositive();
        }

        @Test
        void keepsErrorsAndExitCodeApartFromOutput() {
            SandboxResult result = run("import sys\nprint('to stdout')\nprint('to stderr', file=sys.stderr)\nsys.exit(3)");

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.output()).isEqualTo("to stdout\n");
            assertThat(result.errors()).isEqualTo("to stderr\n");
            assertThat(result.failureReason()).isNull();
        }

        @Test
        void reportsSyntaxErrorWithTraceback() {
            SandboxResult result = run("print('never'\n");

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.output()).isEmpty();
            assertThat(result.errors()).contains("SyntaxError").contains("script.py");
        }

        @Test
        void deliversStdin() {
            SandboxResult result = runner.run(new SandboxJob("test-stdin",
                    "import sys\nprint(sys.stdin.read().upper(), end='')", "line one\nline two\n", LIMITS));

            assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(result.output()).isEqualTo("LINE ONE\nLINE TWO\n");
        }

        @Test
        void feedsStdinLargerThanAPipeAndCopesWithAScriptThatIgnoresIt() {
            String megabyte = "x".repeat(1024 * 1024);
            SandboxResult reader = runner.run(new SandboxJob("test-stdin",
                    "import sys\nprint(len(sys.stdin.buffer.read()))", megabyte, LIMITS));
            SandboxResult ignorer = runner.run(new SandboxJob("test-stdin", "print('not reading')", megabyte, LIMITS));

            assertThat(reader.output()).isEqualTo("1048576\n");
            assertThat(ignorer.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(ignorer.output()).isEqualTo("not reading\n");
        }

        @Test
        void keepsUnicodeAndReplacesInvalidUtf8() {
            SandboxResult result = completed("""
                    import sys
                    print('héllo ✓ 日本 🎉')
                    sys.stdout.flush()
                    sys.stdout.buffer.write(b'bad:\\xff\\xfe!\\n')
                    """);

            assertThat(result.output()).isEqualTo("héllo ✓ 日本 🎉\nbad:\uFFFD\uFFFD!\n");
        }

        @Test
        void runsAsNobodyWithoutCapabilities() {
            SandboxResult result = completed(SHOW_PRIVILEGES);

            assertThat(result.output()).contains(
                    "Uid: 65534 65534 65534 65534", "Gid: 65534 65534 65534 65534", "Groups:\n",
                    "CapInh: 0000000000000000", "CapPrm: 0000000000000000", "CapEff: 0000000000000000",
                    "CapBnd: 0000000000000000", "CapAmb: 0000000000000000", "NoNewPrivs: 1", "Seccomp: 2",
                    "/proc/1/environ denied", "/proc/1/fd denied");
        }

        @Test
        void cannotReachTheBootstrapThatHoldsTheResultChannel() {
            SandboxResult result = completed("""
                    import os
                    def attempt(name, action):
                        try:
                            action()
                            print(name, 'DONE')
                        except PermissionError:
                            print(name, 'denied')
                        except OSError as error:
                            print(name, 'refused', error.errno)
                    attempt('write /proc/1/fd/1', lambda: open('/proc/1/fd/1', 'w').write('forged'))
                    attempt('write /proc/1/fd/2', lambda: open('/proc/1/fd/2', 'w').write('forged'))
                    attempt('list /proc/1/fd', lambda: os.listdir('/proc/1/fd'))
                    attempt('read /proc/1/environ', lambda: open('/proc/1/environ', 'rb').read())
                    attempt('read /proc/1/mem', lambda: open('/proc/1/mem', 'rb').read(1))
                    attempt('list /proc/1/root', lambda: os.listdir('/proc/1/root'))
                    attempt('signal PID 1', lambda: os.kill(1, 0))
                    attempt('become root', lambda: os.setuid(0))
                    print('bootstrap uid', open('/proc/1/status').read().split('Uid:')[1].split()[0])
                    """);

            assertThat(result.output()).isEqualTo("""
                    write /proc/1/fd/1 denied
                    write /proc/1/fd/2 denied
                    list /proc/1/fd denied
                    read /proc/1/environ denied
                    read /proc/1/mem denied
                    list /proc/1/root denied
                    signal PID 1 denied
                    become root denied
                    bootstrap uid 0
                    """);
        }

        @Test
        void neverTakesAFrameThatTheScriptPrintsForItsResult() {
            SandboxResult result = run("""
                    import sys
                    frame = '%s{"v":1,"exit_code":0,"signal":null,"timed_out":false,"stdout_b64":"Zm9yZ2Vk",' \\
                        '"stderr_b64":"","stdout_truncated":false,"stderr_truncated":false,"cpu_ms":1,' \\
                        '"max_rss_kb":1,"duration_ms":1}'
                    print('\\n' + frame)
                    print('\\n' + frame, file=sys.stderr)
                    sys.exit(3)
                    """.formatted(BootstrapProtocol.RESULT_MARKER));

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.failureReason()).isNull();
            assertThat(result.output()).startsWith("\n" + BootstrapProtocol.RESULT_MARKER).endsWith("}\n");
            assertThat(result.errors()).isEqualTo(result.output());
        }

        @Test
        void reportsAPlatformFailureWhenTheBootstrapDiesAfterTheScriptWroteAFrame() {
            // A broken PID 1 that lets the script write to its stdout, then dies without a frame of its own.
            String brokenBootstrap = """
                    import os, sys
                    child = os.fork()
                    if child == 0:
                        os.setgid(65534)
                        os.setuid(65534)
                        os.execv(sys.executable, [sys.executable, '-I', '/sandbox/script.py'])
                    os.waitpid(child, 0)
                    os._exit(70)
                    """;
            SandboxResult result;
            // Its own pool (in a pooled fixture) never fills, as the broken bootstrap never says it is ready: the run
            // takes the cold path. Closed at once, so that its refill stops.
            try (OciSandboxRunner broken = new OciSandboxRunner(properties, SandboxRuntimes.locate(properties),
                    CGROUP_ROOT, brokenBootstrap)) {
                result = broken.run(new SandboxJob("broken-bootstrap", """
                        print('%s{"v":1,"exit_code":0,"signal":null,"timed_out":false,"stdout_b64":"Zm9yZ2Vk",'
                              '"stderr_b64":"","stdout_truncated":false,"stderr_truncated":false,"cpu_ms":1,'
                              '"max_rss_kb":1,"duration_ms":1}')
                        """.formatted(BootstrapProtocol.RESULT_MARKER), "", LIMITS));
            }

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.output()).isEmpty();
            assertThat(result.exitCode()).isNull();
            assertThat(result.failureReason()).isEqualTo("sandbox returned no usable result (" + runtime()
                    + " exit 70): its bootstrap did not finish");
        }

        @Test
        void cannotWriteOutsideTmp() {
            SandboxResult result = completed("""
                    for path in ('/x', '/usr/x', '/usr/lib/x', '/etc/x', '/etc/passwd', '/sandbox/x', '/dev/shm/../x'):
                        try:
                            open(path, 'w').write('owned')
                            print(path, 'WRITTEN')
                        except OSError as error:
                            print(path, 'refused', error.strerror)
                    """);

            assertThat(result.output()).doesNotContain("WRITTEN").contains("/usr/x refused", "/etc/passwd refused");
        }

        @Test
        void capsTmpAtItsSize() {
            SandboxResult result = completed("""
                    open('/tmp/small', 'wb').write(b'x' * 1024 * 1024)
                    print('small ok')
                    try:
                        with open('/tmp/big', 'wb') as big:
                            for _ in range(64):
                                big.write(b'x' * 1024 * 1024)
                        print('big WRITTEN')
                    except OSError as error:
                        print('big refused', error.errno)
                    """);

            assertThat(result.output()).isEqualTo("small ok\nbig refused 28\n"); // 28 = ENOSPC
        }

        @Test
        void refusesConnectionsToTheHost() throws Exception {
            try (ServerSocket hostService = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                SandboxResult result = completed("""
                        import socket
                        print(sorted(name for _, name in socket.if_nameindex()))
                        try:
                            socket.create_connection(('127.0.0.1', %d), timeout=2)
                            print('CONNECTED')
                        except OSError as error:
                            print('refused', type(error).__name__)
                        """.formatted(hostService.getLocalPort()));

                assertThat(result.output()).isEqualTo(
                        "['lo']\nrefused ConnectionRefusedError\n");
            }
        }

        @Test
        void stillRunsThreadsAndSubprocessesButNoNamespaces() {
            SandboxResult result = completed(THREADS_SUBPROCESS_AND_UNSHARE);

            assertThat(result.output()).isEqualTo("thread ok\nsubprocess ok\nunshare -1 1\n");
        }

        @Test
        void runsTwoJobsAtOnce() {
            CompletableFuture<SandboxResult> first = CompletableFuture.supplyAsync(
                    () -> run("import time\ntime.sleep(0.5)\nprint('first')"));
            CompletableFuture<SandboxResult> second = CompletableFuture.supplyAsync(
                    () -> run("import time\ntime.sleep(0.5)\nprint('second')"));

            assertThat(first.join().output()).isEqualTo("first\n");
            assertThat(second.join().output()).isEqualTo("second\n");
            assertThat(first.join().outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(second.join().outcome()).isEqualTo(Outcome.COMPLETED);
        }
    }
}
