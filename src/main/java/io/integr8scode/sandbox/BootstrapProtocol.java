package io.integr8scode.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract between a runner and {@code sandbox/bootstrap.py}, the one program that runs inside every
 * sandbox (OCI container and Kubernetes pod alike) as PID 1.
 *
 * <p><b>Inputs</b> are environment variables, so they fit a pod spec as well as an OCI bundle:
 * <ul>
 *   <li>{@code I8S_SCRIPT_B64} (base64 of the UTF-8 script) or {@code I8S_SCRIPT_FILE} (a path to it);</li>
 *   <li>{@code I8S_STDIN_B64} or {@code I8S_STDIN_FILE}, optional, bytes fed to the script's stdin;</li>
 *   <li>{@code I8S_TIMEOUT_SECONDS}, the wall-time limit the bootstrap enforces itself;</li>
 *   <li>{@code I8S_OUTPUT_LIMIT_BYTES}, the cap applied to stdout and to stderr separately;</li>
 *   <li>{@code I8S_OPEN_FILES_LIMIT}, the RLIMIT_NOFILE the script starts with (a pod spec has no rlimits, so
 *       the bootstrap lowers it itself);</li>
 *   <li>{@code I8S_SCRIPT_UID} and {@code I8S_SCRIPT_GID}, the user and group the script runs as;</li>
 *   <li>{@code I8S_OUTPUT_DIR} ({@link #OUTPUT_DIR}), the folder the script may leave files in, made by the script's
 *       own user before the script starts (its path is in the script's {@code INTEGR8SCODE_OUTPUTS}; matplotlib's
 *       {@code plt.show()} saves each open figure there as a PNG); {@code I8S_ARTIFACT_FILE_LIMIT_BYTES},
 *       {@code I8S_ARTIFACT_RUN_LIMIT_BYTES} and {@code I8S_ARTIFACT_COUNT_LIMIT}, the caps on what is collected
 *       from it;</li>
 *   <li>{@code I8S_JOB_ON_STDIN} = 1: a pooled sandbox. The bootstrap prints {@link #READY_MARKER} and a newline on
 *       stdout, then reads the job from stdin until its end: a JSON object of the variables above (as
 *       {@link #environmentFor} builds them), which override the environment's.</li>
 * </ul>
 * The limits and the script's identity are required: they come from a {@link SandboxSpec}; the bootstrap has no defaults of its own.
 * A file variable wins over its base64 twin. One environment string is limited by the kernel to 128 KiB, so
 * the base64 variables carry scripts up to about 96 KiB; bigger inputs travel as files. Variables starting
 * with {@code I8S_} are removed from the script's environment.
 *
 * <p><b>Identity</b>: the bootstrap runs as {@link #BOOTSTRAP_UID} with only {@link #BOOTSTRAP_CAPABILITIES}, and
 * the script as another user with none: so the bootstrap's descriptors (its stdout is the result channel), its
 * environment and its memory are out of the script's reach by plain permission checks, under every runtime.
 *
 * <p><b>Live output</b>: while the script runs, the bootstrap forwards what it writes as lines
 * {@link #OUTPUT_MARKER}{@code <stream> <sequence> <base64>}: stream {@code stdout} or {@code stderr}, the sequence
 * from 0 over both streams, at most {@link #LIVE_LINE_BYTES} of the script's bytes per line. It coalesces (a line per
 * stream at most every 100 ms, sooner when a line's worth waits), forwards at most the output limit per stream and
 * at most {@link #LIVE_LINES_MAX} lines per run; {@link LiveOutputReader} reads them. The script's bytes only ever
 * travel in base64 here, so nothing it prints can form a marker line; the result frame below stays the only result
 * and holds the whole capped output.
 *
 * <p><b>Output</b>: besides live output lines, the bootstrap writes to its stdout one line {@link #RESULT_MARKER}
 * followed by a JSON object (ASCII only): {@code v} (protocol version, 1), {@code exit_code} (null if killed by a signal),
 * {@code signal}, {@code timed_out}, {@code stdout_b64}, {@code stderr_b64}, {@code stdout_truncated},
 * {@code stderr_truncated}, {@code cpu_ms}, {@code max_rss_kb}, {@code duration_ms}, {@code artifacts} (the output
 * folder's regular files after every process was killed: {@code name}, {@code media_type}, {@code size},
 * {@code data_b64}) and {@code refused_artifacts} (entries not collected, at most 32: {@code name}, {@code reason});
 * or, when it could not run the script at all, only {@code bootstrap_error}. It is the last line. Readers take the
 * one frame line (a result marker at the start of a line; a live output line never holds one) and treat anything
 * else as a platform failure: no frame, an unreadable one, or more than one (something
 * besides the bootstrap wrote to its stdout). The script's output is decoded as UTF-8 with invalid bytes replaced.
 */
public final class BootstrapProtocol {

    public static final String RESULT_MARKER = "@@INTEGR8SCODE-RESULT-V1@@ ";
    public static final String ENV_SCRIPT_B64 = "I8S_SCRIPT_B64";
    public static final String ENV_SCRIPT_FILE = "I8S_SCRIPT_FILE";
    public static final String ENV_STDIN_B64 = "I8S_STDIN_B64";
    public static final String ENV_STDIN_FILE = "I8S_STDIN_FILE";
    public static final String ENV_TIMEOUT_SECONDS = "I8S_TIMEOUT_SECONDS";
    public static final String ENV_OUTPUT_LIMIT_BYTES = "I8S_OUTPUT_LIMIT_BYTES";
    public static final String ENV_OPEN_FILES_LIMIT = "I8S_OPEN_FILES_LIMIT";
    public static final String ENV_JOB_ON_STDIN = "I8S_JOB_ON_STDIN";
    public static final String READY_MARKER = "@@INTEGR8SCODE-READY@@";
    public static final String OUTPUT_MARKER = "@@INTEGR8SCODE-OUTPUT-V1@@ ";
    /**
     * The most script bytes one live output line carries (bootstrap.py's LIVE_LINE_BYTES): in base64 the line stays
     * under 16 KiB, where a container runtime's log splits lines into partial ones that a followed pod log does not
     * join again.
     */
    public static final int LIVE_LINE_BYTES = 8192;
    /** The most live output lines one run writes (bootstrap.py's LIVE_LINES_MAX). */
    public static final int LIVE_LINES_MAX = 8192;
    /** Room for a live output line's marker, stream, sequence, base64 padding and newline. */
    private static final int LIVE_LINE_OVERHEAD = 64;
    public static final String ENV_SCRIPT_UID = "I8S_SCRIPT_UID";
    public static final String ENV_SCRIPT_GID = "I8S_SCRIPT_GID";
    public static final String ENV_OUTPUT_DIR = "I8S_OUTPUT_DIR";
    public static final String ENV_ARTIFACT_FILE_LIMIT_BYTES = "I8S_ARTIFACT_FILE_LIMIT_BYTES";
    public static final String ENV_ARTIFACT_RUN_LIMIT_BYTES = "I8S_ARTIFACT_RUN_LIMIT_BYTES";
    public static final String ENV_ARTIFACT_COUNT_LIMIT = "I8S_ARTIFACT_COUNT_LIMIT";
    /** The script's output folder, in the sandbox's private /tmp (a tmpfs locally, an emptyDir in a pod). */
    public static final String OUTPUT_DIR = "/tmp/outputs";
    /** Refusals a frame reports at most; the bootstrap drops the rest. */
    static final int REFUSALS_REPORTED = 32;
    /**
     * The bootstrap's user and group: root of the sandbox, but holding only the capabilities below. A pod cannot
     * give a non-root process capabilities (Kubernetes sets no ambient capabilities), so both sandboxes use root.
     */
    public static final int BOOTSTRAP_UID = 0;
    public static final int BOOTSTRAP_GID = 0;
    /**
     * Everything the bootstrap keeps, by Kubernetes' names (OCI adds {@code CAP_}): SETUID and SETGID to become the
     * script's user, SETPCAP to empty the script's bounding set first, KILL to stop a script of another user.
     */
    public static final List<String> BOOTSTRAP_CAPABILITIES = List.of("KILL", "SETGID", "SETPCAP", "SETUID");

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String SOURCE = loadSource();

    private BootstrapProtocol() {
    }

    /** The bootstrap's Python source, e.g. for {@code python3 -c <source>} in a stock image. */
    public static String bootstrapSource() {
        return SOURCE;
    }

    /** Everything the bootstrap needs, inline: for pods, where the script travels inside the pod spec. */
    public static Map<String, String> environmentFor(SandboxJob job, SandboxSpec spec) {
        Map<String, String> env = limitsEnvironment(spec);
        env.put(ENV_SCRIPT_B64, base64(job.script()));
        if (!job.stdin().isEmpty()) {
            env.put(ENV_STDIN_B64, base64(job.stdin()));
        }
        return env;
    }

    /** A pooled sandbox's one job, written to its stdin: the same variables as {@link #environmentFor}. */
    public static byte[] jobMessage(SandboxJob job, SandboxSpec spec) {
        try {
            return JSON.writeValueAsBytes(environmentFor(job, spec));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The limits and the script's identity, for runners that hand the script and stdin over as files. */
    public static Map<String, String> limitsEnvironment(SandboxSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ENV_TIMEOUT_SECONDS, Integer.toString(spec.limits().timeoutSeconds()));
        env.put(ENV_OUTPUT_LIMIT_BYTES, Long.toString(spec.outputLimitBytes()));
        env.put(ENV_OPEN_FILES_LIMIT, Integer.toString(spec.openFilesLimit()));
        env.put(ENV_SCRIPT_UID, Integer.toString(spec.uid()));
        env.put(ENV_SCRIPT_GID, Integer.toString(spec.gid()));
        env.put(ENV_OUTPUT_DIR, OUTPUT_DIR);
        env.put(ENV_ARTIFACT_FILE_LIMIT_BYTES, Long.toString(spec.artifactLimits().fileBytes()));
        env.put(ENV_ARTIFACT_RUN_LIMIT_BYTES, Long.toString(spec.artifactLimits().runBytes()));
        env.put(ENV_ARTIFACT_COUNT_LIMIT, Integer.toString(spec.artifactLimits().count()));
        return env;
    }

    /**
     * The largest stdout a well-behaved bootstrap can print for these limits: two base64 streams, the artifacts in
     * base64 with their names and media types, the refusals with theirs.
     */
    public static long maxFrameBytes(long outputLimitBytes, ArtifactLimits artifacts) {
        long files = (artifacts.runBytes() / 3 + artifacts.count()) * 4 + artifacts.count() * 512L;
        return 2 * (outputLimitBytes / 3 + 1) * 4 + files + REFUSALS_REPORTED * 1024L + 64 * 1024;
    }

    /** The largest stdout a well-behaved bootstrap can print for these limits: live output, then the frame. */
    public static long maxStdoutBytes(long outputLimitBytes, ArtifactLimits artifacts) {
        long liveData = 2 * (outputLimitBytes / 3 + 1) * 4;
        return liveData + (long) LIVE_LINES_MAX * LIVE_LINE_OVERHEAD + maxFrameBytes(outputLimitBytes, artifacts);
    }

    /** Reads the container's stdout (or pod log) into a result; never throws. */
    public static SandboxResult parse(String containerStdout, RunEvidence evidence) {
        try {
            return readReport(containerStdout).toSandboxResult(evidence);
        } catch (MalformedFrameException malformed) {
            return evidence.withoutReport("sandbox returned no usable result: " + malformed.getMessage());
        }
    }

    /** The one result frame in the container's stdout, strictly checked. */
    public static BootstrapReport readReport(String containerStdout) throws MalformedFrameException {
        String frame = onlyFrame(containerStdout == null ? "" : containerStdout);
        JsonNode node;
        try {
            node = JSON.readTree(frame);
        } catch (IOException notJson) {
            throw new MalformedFrameException("result frame is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedFrameException("result frame is not a JSON object");
        }
        return FrameFields.toReport(node);
    }

    private static String onlyFrame(String stdout) throws MalformedFrameException {
        int at = frameStart(stdout, stdout.length());
        if (at < 0) {
            throw new MalformedFrameException("no result frame");
        }
        if (at > 0 && frameStart(stdout, at - 1) >= 0) {
            throw new MalformedFrameException("more than one result frame (the result channel was written by "
                    + "something besides the bootstrap)");
        }
        int end = stdout.indexOf('\n', at);
        return stdout.substring(at + RESULT_MARKER.length(), end < 0 ? stdout.length() : end);
    }

    /** Where the last marker at a line start begins, searching backwards from {@code from}; -1 if none. */
    private static int frameStart(String stdout, int from) {
        int at = stdout.lastIndexOf(RESULT_MARKER, from);
        while (at > 0 && stdout.charAt(at - 1) != '\n') {
            at = stdout.lastIndexOf(RESULT_MARKER, at - 1);
        }
        return at;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String loadSource() {
        try (InputStream in = BootstrapProtocol.class.getResourceAsStream("/sandbox/bootstrap.py")) {
            if (in == null) {
                throw new IllegalStateException("sandbox/bootstrap.py is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A frame is absent, cut off or not what the protocol says. */
    public static final class MalformedFrameException extends Exception {
        MalformedFrameException(String message) {
            super(message);
        }
    }
}
