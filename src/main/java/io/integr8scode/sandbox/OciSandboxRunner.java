package io.integr8scode.sandbox;

import io.integr8scode.sandbox.BootstrapProtocol.MalformedFrameException;
import io.integr8scode.sandbox.SandboxResult.Outcome;
import io.integr8scode.sandbox.SandboxResult.ResourceUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs each job in a fresh OCI container (runc, crun or runsc) built by {@link OciBundleConfig}, with
 * {@code bootstrap.py} as its PID 1. The bootstrap enforces the time limit and caps output; this class adds a
 * backstop kill, reads the memory cgroup's OOM counter and always removes the container and its bundle.
 * With a pool, the container was made ahead of time ({@link WarmSandbox}) and gets the job's limits and the job
 * itself when the run starts; without one, or when it is empty, the container is made for the run (cold).
 * Safe for concurrent use; at most {@link SandboxProperties#maxConcurrentRuns()} run at once.
 */
public final class OciSandboxRunner implements SandboxRunner, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OciSandboxRunner.class);
    /**
     * What a warm sandbox waits under until its job's limits replace them: little memory and CPU, so that the
     * refill stays in the background (the bootstrap's start runs inside this quota). The pids limit, and with it a
     * runsc sandbox's RLIMIT_NPROC (fixed at start), is a setting rather than a job's limit, so it is the job's already.
     */
    static final ExecutionLimits IDLE_LIMITS = new ExecutionLimits(1, 64, 250);

    private static final long RUNTIME_STDERR_CAP = 16 * 1024;
    private static final long STREAM_END_WAIT_MS = 5_000;
    private static final int SIGKILL = 9;
    private static final int EXIT_SIGKILL = 128 + SIGKILL;
    /** After a stop's SIGTERM, how long the bootstrap has to print its frame (it drains for 2 s at most) before SIGKILL. */
    private static final long STOP_GRACE_SECONDS = 3;
    static final String STOPPED_ON_REQUEST = "stopped on request";

    private final SandboxProperties properties;
    private final RuntimeCli cli;
    private final RunBundles bundles;
    private final CgroupFiles cgroups;
    private final Path rootfs;
    private final Semaphore slots;
    private final Set<String> activeIds = ConcurrentHashMap.newKeySet();
    private final SandboxPool pool;
    private final SandboxTeardown teardown;
    private final SandboxStops stops;

    /**
     * Locates the runtime and the sandbox image's root file system, and prepares the runtime's state root.
     *
     * @throws SandboxUnavailableException when the runtime or the image is missing, or the state dir is unusable
     */
    public OciSandboxRunner(SandboxProperties properties) {
        this(properties, SandboxRuntimes.locate(properties), Path.of("/sys/fs/cgroup"));
    }

    OciSandboxRunner(SandboxProperties properties, Path runtimeBinary, Path cgroupRoot) {
        this(properties, runtimeBinary, cgroupRoot, BootstrapProtocol.bootstrapSource());
    }

    /** With another PID 1 than the shipped bootstrap: for tests of what a broken bootstrap leads to. */
    OciSandboxRunner(SandboxProperties properties, Path runtimeBinary, Path cgroupRoot, String bootstrapSource) {
        this.properties = properties;
        this.cli = new RuntimeCli(OciRuntime.named(properties.runtime()), runtimeBinary, properties.stateDir(),
                properties.runscPlatform());
        this.bundles = new RunBundles(properties.dataDir(), bootstrapSource);
        this.cgroups = new CgroupFiles(cgroupRoot);
        this.slots = new Semaphore(properties.maxConcurrentRuns(), true);
        this.rootfs = ImageRootfs.verified(properties.rootfs());
        this.stops = new SandboxStops(cli::terminate, cli::kill,
                CompletableFuture.delayedExecutor(STOP_GRACE_SECONDS, TimeUnit.SECONDS));
        try {
            Files.createDirectories(properties.stateDir());
            Files.createDirectories(properties.dataDir());
        } catch (IOException e) {
            throw new SandboxUnavailableException("cannot create the sandbox directories " + properties.stateDir()
                    + " and " + properties.dataDir() + ": " + e.getMessage(),
                    "Point integr8scode.data-dir (or integr8scode.sandbox.data-dir and state-dir) at a writable place.");
        }
        // As many deletions at once as runs, and as many waiting: more means the machine cannot keep up.
        this.teardown = new SandboxTeardown(properties.maxConcurrentRuns(), properties.maxConcurrentRuns());
        this.pool = properties.pool().enabled() ? new SandboxPool(properties.pool().size(), new WarmSandboxes()) : null;
    }

    @Override
    public String name() {
        return cli.runtime().command();
    }

    /** The runtime's version line, for a health check. */
    public String runtimeVersion() {
        return SandboxRuntimes.version(cli.binary());
    }

    /** Kills and removes containers, cgroups and bundles that no current run of this process owns. */
    public List<String> removeLeftovers() {
        try {
            return new LeftoverSweeper(cli, cgroups, bundles, activeIds).sweep();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    @Override
    public SandboxResult run(SandboxJob job) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SandboxResult.platformFailure("interrupted while waiting for a free sandbox", 0);
        }
        try {
            // A stop that came first: the run need not start.
            if (stops.forget(job.executionId())) {
                return SandboxResult.platformFailure(STOPPED_ON_REQUEST, 0);
            }
            long started = System.nanoTime();
            SandboxSpec spec = properties.specFor(job.limits());
            WarmSandbox warm = pool == null ? null : pool.take();
            SandboxResult result = warm == null ? null : runWarm(warm, job, spec, started);
            return stopped(job, result != null ? result : runCold(job, spec, started));
        } finally {
            slots.release();
        }
    }

    /**
     * Stops the execution's run if it is in a sandbox of this process (or starts in one soon): its status becomes
     * cancelled and the output written so far is kept (see {@link SandboxStops}). Called for every stop on every
     * instance (routes/runners/local-stop.yaml); a no-op where the execution does not run.
     */
    public void stop(String executionId) {
        stops.stop(executionId);
    }

    /** True while the execution's script runs in a sandbox of this process, for tests. */
    boolean isRunning(String executionId) {
        return stops.isRunning(executionId);
    }

    /**
     * A run stopped on request says so, with whatever output the bootstrap still reported (none if it had to be
     * killed); a script that finished cleanly before the stop reached it keeps its outcome.
     */
    private SandboxResult stopped(SandboxJob job, SandboxResult result) {
        if (!stops.forget(job.executionId()) || result.outcome() == Outcome.COMPLETED) {
            return result;
        }
        return new SandboxResult(Outcome.FAILED, result.exitCode(), result.output(), result.errors(),
                result.outputTruncated(), STOPPED_ON_REQUEST, result.durationMs(), result.usage());
    }

    /** The warm sandboxes, for tests; null without a pool. */
    SandboxPool pool() {
        return pool;
    }

    /** Destroys the pool's waiting sandboxes and finishes pending deletions (Spring calls it at shutdown). */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
        teardown.close();
    }

    /** Null when the sandbox could not take the job (its run falls back to cold); destroyed either way. */
    private SandboxResult runWarm(WarmSandbox warm, SandboxJob job, SandboxSpec spec, long started) {
        String containerId = warm.containerId();
        try {
            try {
                // The job's limits, not the pool's, before the script exists: the bootstrap waits for the job.
                cgroups.applyLimits(containerId, spec);
                liveOutputOf(job).ifPresent(warm.stdout()::tap);
                warm.deliver(BootstrapProtocol.jobMessage(job, spec));
                stops.register(job.executionId(), containerId);
                LOG.debug("{} got its limits and job after {} us", containerId,
                        TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started));
            } catch (IOException e) {
                LOG.warn("warm sandbox {} could not take a job, running it cold: {}", containerId, e.getMessage());
                warm.stopProcess();
                return null;
            }
            return await(containerId, warm.process(), warm.stdout(), warm.stderr(), spec, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cli.kill(containerId);
            return SandboxResult.platformFailure("interrupted while the sandbox ran", elapsedMs(started));
        } finally {
            stops.unregister(job.executionId(), containerId);
            destroy(containerId);
        }
    }

    private SandboxResult runCold(SandboxJob job, SandboxSpec spec, long started) {
        String containerId = ContainerIds.newAttempt(job.executionId());
        activeIds.add(containerId);
        try {
            Path bundle = bundles.create(containerId, job, files -> OciBundleConfig.build(
                    new BundleSpec(containerId, rootfs, files, spec, System.getProperty("os.arch"), cli.runtime())));
            return execute(containerId, bundle, job, spec, started);
        } catch (IOException e) {
            return SandboxResult.platformFailure("could not prepare the sandbox: " + e.getMessage(), elapsedMs(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cli.kill(containerId);
            return SandboxResult.platformFailure("interrupted while the sandbox ran", elapsedMs(started));
        } finally {
            stops.unregister(job.executionId(), containerId);
            destroy(containerId);
        }
    }

    /** Deletes the container after its result is handed back; it stays in {@code activeIds} until then. */
    private void destroy(String containerId) {
        teardown.later(containerId, () -> {
            long deleting = System.nanoTime();
            CommandResult deleted = cli.forceDelete(containerId);
            if (deleted.exitCode() != 0 && cli.listIds().contains(containerId)) {
                // Its processes may still be dying on a busy machine; once more, then the leftover sweep takes over.
                LOG.warn("deleting {} failed ({}); trying once more", containerId, deleted.problem());
                cli.forceDelete(containerId);
            }
            try {
                cgroups.removeContainer(containerId);
            } catch (IOException e) {
                LOG.warn("could not remove the cgroups of {}: {}", containerId, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.debug("{} deleted in {} ms", containerId, elapsedMs(deleting));
            bundles.delete(containerId);
            activeIds.remove(containerId);
        });
    }

    /** Waits until every finished sandbox is deleted (for tests that look for traces). */
    boolean awaitTeardowns(long timeoutMs) throws InterruptedException {
        return teardown.awaitIdle(timeoutMs);
    }

    private SandboxResult execute(String containerId, Path bundle, SandboxJob job, SandboxSpec spec, long started)
            throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(cli.run(bundle, containerId)).start();
        } catch (IOException e) {
            return SandboxResult.platformFailure("cannot start " + name() + ": " + e.getMessage(), elapsedMs(started));
        }
        stops.register(job.executionId(), containerId);
        // Pipes, never files: runsc overwrites output when stdout is a file. Stdin travels as a file in the bundle.
        process.getOutputStream().close();
        CappedStream stdout = CappedStream.drain(process.getInputStream(), frameCap(), containerId + "-out",
                liveOutputOf(job).orElse(null));
        CappedStream stderr = CappedStream.drain(process.getErrorStream(), RUNTIME_STDERR_CAP, containerId + "-err");
        return await(containerId, process, stdout, stderr, spec, started);
    }

    private SandboxResult await(String containerId, Process process, CappedStream stdout, CappedStream stderr,
                                SandboxSpec spec, long started) throws InterruptedException {
        if (!process.waitFor(spec.killAfterSeconds(), TimeUnit.SECONDS)) {
            cli.kill(containerId);
            cli.forceDelete(containerId);
            if (!process.waitFor(STREAM_END_WAIT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            RunEvidence evidence = new RunEvidence(spec.limits(), false, elapsedMs(started));
            return new SandboxResult(Outcome.TIMEOUT, EXIT_SIGKILL, "", "", false,
                    evidence.timeLimitReason() + "; the sandbox had to be killed from outside",
                    evidence.elapsedMs(), ResourceUsage.UNKNOWN);
        }
        LOG.debug("{} exited {} ms after the run started", containerId, elapsedMs(started));
        // Read before the finally block deletes the container.
        boolean oomKilled = cgroups.oomKilled(containerId);
        boolean memoryLimitReached = cgroups.memoryLimitReached(containerId);
        String containerStdout = stdout.text(STREAM_END_WAIT_MS);
        CommandResult runtime = new CommandResult(process.exitValue(), "", stderr.text(STREAM_END_WAIT_MS));
        if (stdout.overflowed()) {
            return SandboxResult.platformFailure("sandbox result exceeded " + frameCap() + " bytes",
                    elapsedMs(started));
        }
        return interpret(containerStdout, runtime, spec.limits(), oomKilled, memoryLimitReached, elapsedMs(started));
    }

    private SandboxResult interpret(String containerStdout, CommandResult runtime, ExecutionLimits limits,
                                    boolean oomKilled, boolean memoryLimitReached, long elapsedMs) {
        // Runtimes that delete the container on exit leave no OOM counter to read: a SIGKILL is then the evidence.
        boolean sigkillMeansMemory = !cli.runtime().keepsStoppedContainers();
        BootstrapReport report;
        try {
            report = BootstrapProtocol.readReport(containerStdout);
            // The bootstrap exits 0 after its frame, always: a frame from a sandbox whose PID 1 died is nobody's.
            if (runtime.exitCode() != 0) {
                throw new MalformedFrameException("its bootstrap did not finish");
            }
        } catch (MalformedFrameException malformed) {
            // The bootstrap itself was killed: a SIGKILL after the cgroup hit its memory limit is the limit's doing.
            boolean killed = runtime.exitCode() == EXIT_SIGKILL;
            boolean memory = oomKilled || (killed && (memoryLimitReached || sigkillMeansMemory));
            return new RunEvidence(limits, memory, elapsedMs).withoutReport(noReportReason(runtime, malformed));
        }
        boolean memory = oomKilled || (sigkillMeansMemory && !report.timedOut()
                && report.signal() != null && report.signal() == SIGKILL);
        return report.toSandboxResult(new RunEvidence(limits, memory, elapsedMs));
    }

    private String noReportReason(CommandResult runtime, MalformedFrameException malformed) {
        if (runtime.exitCode() != 0 && !runtime.stderr().isBlank()) {
            return name() + " could not run the sandbox (exit " + runtime.exitCode() + "): " + runtime.problem();
        }
        return "sandbox returned no usable result (" + name() + " exit " + runtime.exitCode() + "): "
                + malformed.getMessage();
    }

    /** A reader of the job's live output, when someone listens. */
    private Optional<LiveOutputReader> liveOutputOf(SandboxJob job) {
        return job.liveOutput() == OutputObserver.NONE ? Optional.empty()
                : Optional.of(new LiveOutputReader(job.liveOutput(), properties.outputLimitBytes()));
    }

    private long frameCap() {
        return BootstrapProtocol.maxStdoutBytes(properties.outputLimitBytes(), properties.artifactLimits());
    }

    /** Makes warm sandboxes for the pool: ids in {@code activeIds} from before their container exists. */
    private final class WarmSandboxes implements SandboxPool.Sandboxes {
        @Override
        public WarmSandbox create() throws IOException {
            String containerId = ContainerIds.newAttempt("pool");
            activeIds.add(containerId);
            try {
                Path bundle = bundles.createWarm(containerId, files -> OciBundleConfig.build(new BundleSpec(
                        containerId, rootfs, files, properties.specFor(IDLE_LIMITS), System.getProperty("os.arch"),
                        cli.runtime(), true)));
                return WarmSandbox.start(cli, bundle, containerId, frameCap(),
                        Duration.ofSeconds(properties.pool().readyTimeoutSeconds()));
            } catch (IOException | RuntimeException e) {
                OciSandboxRunner.this.destroy(containerId);
                throw e;
            }
        }

        @Override
        public void destroy(WarmSandbox sandbox) {
            sandbox.stopProcess();
            OciSandboxRunner.this.destroy(sandbox.containerId());
        }
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
