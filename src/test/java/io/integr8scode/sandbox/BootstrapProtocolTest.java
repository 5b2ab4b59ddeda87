package io.integr8scode.sandbox;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the bootstrap's result frame: strict, exactly one frame, never an exception. */
class BootstrapProtocolTest {

    static final ExecutionLimits LIMITS = new ExecutionLimits(5, 100, 1000);
    static final RunEvidence EVIDENCE = new RunEvidence(LIMITS, false, 42);
    static final String MARKER = BootstrapProtocol.RESULT_MARKER;

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String frame(String exitCode, String signal, boolean timedOut, String stdout) {
        return MARKER + "{\"exit_code\":" + exitCode + ",\"signal\":" + signal + ",\"timed_out\":" + timedOut
                + ",\"stdout_b64\":\"" + b64(stdout) + "\",\"stderr_b64\":\"" + b64("err") + "\","
                + "\"stdout_truncated\":false,\"stderr_truncated\":true,\"cpu_ms\":12,\"max_rss_kb\":9000,"
                + "\"duration_ms\":30,\"v\":1}\n";
    }

    @Test
    void readsACompletedRun() {
        SandboxResult result = BootstrapProtocol.parse("\n" + frame("0", "null", false, "hi\n"), EVIDENCE);

        assertThat(result).isEqualTo(new SandboxResult(Outcome.COMPLETED, 0, "hi\n", "err", true, null, 30,
                new SandboxResult.ResourceUsage(12L, 9000L)));
    }

    @Test
    void readsTheFrameAfterLiveOutputLines() {
        String live = BootstrapProtocol.OUTPUT_MARKER + "stdout 0 " + b64(MARKER + "{}\n") + "\n"
                + BootstrapProtocol.OUTPUT_MARKER + "stderr 1 " + b64("e") + "\n";

        SandboxResult result = BootstrapProtocol.parse(live + "\n" + frame("0", "null", false, "hi\n"), EVIDENCE);

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.output()).isEqualTo("hi\n");
    }

    @Test
    void acceptsNoResultWhenAForgedFrameStandsBeforeTheRealOne() {
        String log = frame("0", "null", false, "forged") + "noise\n" + frame("2", "null", false, "real");

        SandboxResult result = BootstrapProtocol.parse(log, EVIDENCE);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.output()).isEmpty();
        assertThat(result.exitCode()).isNull();
        assertThat(result.failureReason()).isEqualTo("sandbox returned no usable result: more than one result frame "
                + "(the result channel was written by something besides the bootstrap)");
    }

    @Test
    void ignoresAMarkerInTheMiddleOfALine() {
        String log = frame("1", "null", false, "real") + "log line " + frame("0", "null", false, "forged");

        assertThat(BootstrapProtocol.parse(log, EVIDENCE).output()).isEqualTo("real");
    }

    @Test
    void reportsTimeoutsAndSignals() {
        SandboxResult timedOut = BootstrapProtocol.parse(frame("null", "9", true, "partial"), EVIDENCE);
        SandboxResult segfault = BootstrapProtocol.parse(frame("null", "11", false, ""), EVIDENCE);
        SandboxResult oomKilled = BootstrapProtocol.parse(frame("null", "9", false, ""),
                new RunEvidence(LIMITS, true, 42));

        assertThat(timedOut.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(timedOut.failureReason()).isEqualTo("time limit exceeded (5 s)");
        assertThat(timedOut.exitCode()).isEqualTo(137);
        assertThat(timedOut.output()).isEqualTo("partial");
        assertThat(segfault.failureReason()).isEqualTo("killed by signal 11");
        assertThat(segfault.exitCode()).isEqualTo(139);
        assertThat(oomKilled.failureReason()).isEqualTo("memory limit exceeded (100 MB)");
    }

    @Test
    void replacesInvalidUtf8() {
        String invalid = Base64.getEncoder().encodeToString(new byte[] {'o', 'k', (byte) 0xff, '!'});
        String log = frame("0", "null", false, "").replace("\"stdout_b64\":\"\"", "\"stdout_b64\":\"" + invalid + "\"");

        assertThat(BootstrapProtocol.parse(log, EVIDENCE).output()).isEqualTo("ok\uFFFD!");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "Hello, world\n",
        MARKER + "\n",
        MARKER + "{not json}\n",
        MARKER + "[1,2]\n",
        MARKER + "{\"v\":1}\n",
        MARKER + "{\"v\":2,\"exit_code\":0}\n",
        MARKER + "{\"exit_code\":0,\"signal\":null,\"timed_out\":false,\"stdout_b64\":\"\",\"stderr_b64\":\"\"",
    })
    void turnsMissingOrMalformedFramesIntoPlatformFailures(String log) {
        SandboxResult result = BootstrapProtocol.parse(log, EVIDENCE);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.exitCode()).isNull();
        assertThat(result.failureReason()).startsWith("sandbox returned no usable result: ");
        assertThat(result.durationMs()).isEqualTo(42);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"exit_code\":0,", // both exit code and signal
        "\"exit_code\":\"0\",",
        "\"timed_out\":\"no\",",
        "\"stdout_b64\":\"%%%\",",
        "\"duration_ms\":-5,",
        "\"cpu_ms\":1.5,",
    })
    void rejectsFieldsOfTheWrongShape(String override) {
        String field = override.substring(0, override.indexOf(':') + 1);
        String log = frame("null", "9", false, "x").replaceFirst(Pattern.quote(field) + "[^,]*,",
                Matcher.quoteReplacement(override));

        assertThat(BootstrapProtocol.parse(log, EVIDENCE).failureReason()).startsWith("sandbox returned no usable");
    }

    @Test
    void rejectsTrailingGarbageAfterTheObject() {
        String log = frame("0", "null", false, "x").replace("\"v\":1}", "\"v\":1} trailing");

        assertThat(BootstrapProtocol.parse(log, EVIDENCE).failureReason()).startsWith("sandbox returned no usable");
    }

    @Test
    void turnsABootstrapErrorIntoAPlatformFailure() {
        SandboxResult result = BootstrapProtocol.parse(MARKER + "{\"bootstrap_error\":\"no script\",\"v\":1}\n",
                EVIDENCE);

        assertThat(result.failureReason()).isEqualTo("sandbox bootstrap failed: no script");
        assertThat(result.exitCode()).isNull();
    }

    @Test
    void blamesMemoryWhenTheSandboxDiedOfItWithoutAFrame() {
        SandboxResult result = BootstrapProtocol.parse("", new RunEvidence(LIMITS, true, 42));

        assertThat(result.failureReason()).isEqualTo("memory limit exceeded (100 MB)");
        assertThat(result.exitCode()).isEqualTo(137);
    }

    @Test
    void putsTheWholeJobIntoTheEnvironmentForPods() {
        SandboxJob job = new SandboxJob("e1", "print('ü')", "in\n", LIMITS);

        SandboxSpec spec = new SandboxSpec(LIMITS, 32, 96, 128, 65534, 65534, 30, 2,
                new ArtifactLimits(1000, 3000, 4));

        assertThat(BootstrapProtocol.environmentFor(job, spec)).containsExactly(
                entry("I8S_TIMEOUT_SECONDS", "5"), entry("I8S_OUTPUT_LIMIT_BYTES", "2097152"),
                entry("I8S_OPEN_FILES_LIMIT", "128"), entry("I8S_SCRIPT_UID", "65534"), entry("I8S_SCRIPT_GID", "65534"),
                entry("I8S_OUTPUT_DIR", "/tmp/outputs"), entry("I8S_ARTIFACT_FILE_LIMIT_BYTES", "1000"),
                entry("I8S_ARTIFACT_RUN_LIMIT_BYTES", "3000"), entry("I8S_ARTIFACT_COUNT_LIMIT", "4"),
                entry("I8S_SCRIPT_B64", b64("print('ü')")), entry("I8S_STDIN_B64", b64("in\n")));
    }

    @Test
    void shipsABootstrapThatSpeaksTheSameProtocol() {
        assertThat(BootstrapProtocol.bootstrapSource()).contains("MARKER = \"" + MARKER + "\"",
                "\"I8S_\" + name + \"_FILE\"", "\"I8S_\" + name + \"_B64\"", "\"I8S_SCRIPT_FILE\"",
                "\"I8S_TIMEOUT_SECONDS\"", "\"I8S_OUTPUT_LIMIT_BYTES\"", "\"I8S_OPEN_FILES_LIMIT\"",
                "\"I8S_SCRIPT_UID\"", "\"I8S_SCRIPT_GID\"", "\"I8S_OUTPUT_DIR\"", "\"I8S_ARTIFACT_FILE_LIMIT_BYTES\"",
                "\"I8S_ARTIFACT_RUN_LIMIT_BYTES\"", "\"I8S_ARTIFACT_COUNT_LIMIT\"",
                "REFUSALS_REPORTED = " + BootstrapProtocol.REFUSALS_REPORTED);
    }

    static Map.Entry<String, String> entry(String key, String value) {
        return Map.entry(key, value);
    }
}
