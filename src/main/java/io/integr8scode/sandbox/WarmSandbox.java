package io.integr8scode.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sandbox made ahead of time: its runtime runs in the foreground ({@code runc run}, not create/start), so the
 * container's stdio are pipes we hold. By the time it is ready, runc has made the namespaces, cgroups and mounts,
 * applied seccomp and dropped privileges, and the bootstrap has started, imported what it needs and blocks on
 * stdin. The job (limits, script, stdin) is one write to that pipe; no file is made per run.
 *
 * <p>Why not {@code runc create} + {@code start}: create leaves runc's init waiting on its exec fifo, before the
 * bootstrap's exec, so {@code start} would still pay the interpreter start (and a second runc process) on the
 * critical path; and create returns, so Java's {@link Process} would close the pipes it hands to the container.
 */
final class WarmSandbox {

    private static final long RUNTIME_STDERR_CAP = 16 * 1024;
    private static final int READY_LINE_MAX = 256;

    private final String containerId;
    private final Process process;
    private final CappedStream stdout;
    private final CappedStream stderr;

    WarmSandbox(String containerId, Process process, CappedStream stdout, CappedStream stderr) {
        this.containerId = containerId;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts the sandbox and waits until its bootstrap says it is ready, at most {@code readyTimeout}.
     *
     * @throws IOException when the runtime or the bootstrap failed or hung before that; the process is then gone,
     *                     the container may remain (the caller deletes it, which also ends what still runs in it)
     */
    static WarmSandbox start(RuntimeCli cli, Path bundle, String containerId, long frameCap, Duration readyTimeout)
            throws IOException {
        Process process = new ProcessBuilder(cli.run(bundle, containerId)).start();
        CappedStream stderr = CappedStream.drain(process.getErrorStream(), RUNTIME_STDERR_CAP, containerId + "-err");
        InputStream out = process.getInputStream();
        String line = readyLine(out, readyTimeout, containerId);
        if (!BootstrapProtocol.READY_MARKER.equals(line)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            String problem;
            try {
                problem = new CommandResult(-1, "", stderr.text(1000)).problem();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted";
            }
            throw new IOException("warm sandbox " + containerId + " did not become ready ("
                    + (line == null ? "nothing within " + readyTimeout.toSeconds() + " s" : "got '" + line + "'")
                    + "): " + problem);
        }
        return new WarmSandbox(containerId, process, CappedStream.drain(out, frameCap, containerId + "-out"), stderr);
    }

    /**
     * The first line, or null when none came in time. Read on a thread of its own: a blocked pipe read cannot be
     * interrupted. That thread ends when the pipe closes, at the latest when the container is deleted.
     */
    private static String readyLine(InputStream out, Duration timeout, String containerId) throws IOException {
        FutureTask<String> read = new FutureTask<>(() -> readLine(out));
        Thread reader = new Thread(read, containerId + "-ready");
        reader.setDaemon(true);
        reader.start();
        try {
            return read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException hung) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while warm sandbox " + containerId + " started", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0 && b != '\n' && line.size() < READY_LINE_MAX; ) {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    String containerId() {
        return containerId;
    }

    Process process() {
        return process;
    }

    CappedStream stdout() {
        return stdout;
    }

    CappedStream stderr() {
        return stderr;
    }

    /** Whether it can still take a job: a sandbox whose runtime ended while it waited cannot. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Hands over the one job and closes stdin: the bootstrap reads to its end, then starts the script. */
    void deliver(byte[] jobMessage) throws IOException {
        try (OutputStream in = process.getOutputStream()) {
            in.write(jobMessage);
        }
    }

    /** Ends the runtime's foreground process; the container itself is deleted by the caller. */
    void stopProcess() {
        process.destroyForcibly();
    }
}
