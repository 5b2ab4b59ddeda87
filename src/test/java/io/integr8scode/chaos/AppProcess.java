package io.integr8scode.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole app as a child JVM started from the test classpath, so it can be killed with SIGKILL (no shutdown
 * hook, no close, no last commit) and started again on the same data directory and ports. Its console output
 * goes to one log file per incarnation. Also used by the tier-3 restart test (kubernetes.AppRestartWhilePodsRunTest).
 */
public final class AppProcess {

    private final Process process;
    private final int httpPort;
    private final Path log;

    private AppProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    public static AppProcess start(Path dataDir, int httpPort, int brokerPort, Path log, List<String> settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "io.integr8scode.Integr8sCodeApplication",
                "--server.port=" + httpPort,
                "--integr8scode.data-dir=" + dataDir,
                "--integr8scode.broker.acceptor-url=tcp://127.0.0.1:" + brokerPort + "?protocols=CORE,AMQP,STOMP"));
        command.addAll(settings);
        // Run beside its data, not in the repository: surefire's class path ends with an empty entry, which means
        // the working directory, so there the repository's routes/ was on the class path twice and every route
        // file loaded twice.
        Process process = new ProcessBuilder(command)
                .directory(dataDir.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new AppProcess(process, httpPort, log);
    }

    /** Waits until the readiness probe answers 200 (store, broker and sandbox are up); kills the app if it never does. */
    public void awaitReady(HttpClient http, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        URI readiness = URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The app exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            }
            Thread.sleep(200);
        }
        // Not left running behind a failed test.
        kill();
        throw new AssertionError("The app was not ready within " + within + "; see " + log);
    }

    /** kill -9. Waits until the process is gone, so its ports and files are free for the next incarnation. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A graceful stop (SIGTERM), falling back to SIGKILL; for the end of the test. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
