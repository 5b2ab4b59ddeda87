package io.integr8scode.chaos;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Artemis broker from its own distribution (unpacked by {@code -Pfull} under
 * ~/.cache/integr8scode/artemis-VERSION; its path is the {@code artemis.home} system property): an instance
 * made by {@code artemis create} with the defaults a deployment gets (as docker-compose.yml's image does) plus the
 * address settings infra/artemis/address-settings.xml tells operators to add, login required, one acceptor on
 * 127.0.0.1, no web console. Run as a child process, so it can be stopped, killed and
 * started again on the same journal.
 */
final class ArtemisBroker {

    /** The address settings the app needs from an external broker, as operators are told to apply them. */
    private static final Path ADDRESS_SETTINGS = Path.of("infra", "artemis", "address-settings.xml");
    private static final String OPEN = "<address-settings>";

    private final Path instance;
    private final int port;
    private final List<Path> logs = new ArrayList<>();
    private Process process;

    private ArtemisBroker(Path instance, int port) {
        this.instance = instance;
        this.port = port;
    }

    /** {@code artemis create} in {@code instance}, listening on 127.0.0.1:port for every protocol. */
    static ArtemisBroker create(Path instance, int port, String user, String password) throws Exception {
        String home = System.getProperty("artemis.home");
        if (home == null || !Files.isRegularFile(Path.of(home, "bin", "artemis"))) {
            throw new IllegalStateException("No Artemis distribution at artemis.home=" + home
                    + ": run with -Pfull, which unpacks it there from Maven Central's apache-artemis bin archive");
        }
        Path log = instance.resolveSibling(instance.getFileName() + "-create.log");
        run(List.of("sh", Path.of(home, "bin", "artemis").toString(), "create", instance.toString(),
                "--silent", "--force", "--user", user, "--password", password, "--require-login",
                "--host", "127.0.0.1", "--default-port", Integer.toString(port), "--http-host", "127.0.0.1", "--no-web",
                "--no-amqp-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor", "--no-mqtt-acceptor",
                "--no-autotune", "--java-memory", "512M"), log, Duration.ofMinutes(3));
        addAddressSettings(instance.resolve("etc").resolve("broker.xml"));
        return new ArtemisBroker(instance, port);
    }

    /** What an operator does with infra/artemis/address-settings.xml: its elements go into the broker's own. */
    private static void addAddressSettings(Path brokerXml) throws IOException {
        String ours = Files.readString(ADDRESS_SETTINGS);
        String settings = ours.substring(ours.indexOf(OPEN) + OPEN.length(), ours.indexOf("</address-settings>"));
        String broker = Files.readString(brokerXml);
        int open = broker.indexOf(OPEN);
        if (open < 0) {
            throw new IllegalStateException(brokerXml + " has no " + OPEN);
        }
        Files.writeString(brokerXml, broker.substring(0, open + OPEN.length()) + settings + broker.substring(open + OPEN.length()));
    }

    int port() {
        return port;
    }

    /** Starts the broker ({@code artemis run}) and waits until it accepts connections. */
    void start(Duration within) throws Exception {
        Path log = instance.resolve("log").resolve("run-" + logs.size() + ".out");
        Files.createDirectories(log.getParent());
        logs.add(log);
        process = command(List.of("sh", instance.resolve("bin").resolve("artemis").toString(), "run"), log).start();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The broker exited with " + process.exitValue() + "; see " + log);
            }
            if (Files.readString(log).contains("AMQ221007") && accepts()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The broker was not live within " + within + "; see " + log);
    }

    /** A graceful stop: {@code artemis stop}, then waits for the broker's process to end. */
    void stop() throws Exception {
        run(List.of("sh", instance.resolve("bin").resolve("artemis").toString(), "stop"),
                instance.resolve("log").resolve("stop-" + logs.size() + ".out"), Duration.ofMinutes(1));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** kill -9 of the broker's JVM (the {@code artemis run} script execs it, so it is the process itself). */
    void kill() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    List<Path> logs() {
        return logs;
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void run(List<String> command, Path log, Duration within) throws Exception {
        Files.createDirectories(log.getParent());
        Process process = command(command, log).start();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + within + "; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(command + " exited with " + process.exitValue() + ": " + Files.readString(log));
        }
    }

    /** Under the test's own Java (17, as the app), whatever JAVA_HOME the machine has. */
    private static ProcessBuilder command(List<String> command, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }
}
