package io.integr8scode.kubernetes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.integr8scode.sandbox.BootstrapProtocol;

/** Pod logs as the real bootstrap prints them: one result frame line (see {@link BootstrapProtocol}). */
final class BootstrapFrames {

    private BootstrapFrames() {
    }

    static String exited(int exitCode, String stdout) {
        return BootstrapProtocol.RESULT_MARKER + """
                {"v":1,"exit_code":%d,"signal":null,"timed_out":false,"stdout_b64":"%s","stderr_b64":"",\
                "stdout_truncated":false,"stderr_truncated":false,"cpu_ms":3,"max_rss_kb":9000,"duration_ms":12}
                """.formatted(exitCode, Base64.getEncoder().encodeToString(stdout.getBytes(StandardCharsets.UTF_8)));
    }

    /** The frame of a script the bootstrap killed (a stop at the pod's deadline: SIGTERM to the bootstrap). */
    static String killed(String stdout) {
        return BootstrapProtocol.RESULT_MARKER + """
                {"v":1,"exit_code":null,"signal":9,"timed_out":false,"stdout_b64":"%s","stderr_b64":"",\
                "stdout_truncated":false,"stderr_truncated":false,"cpu_ms":3,"max_rss_kb":9000,"duration_ms":1200}
                """.formatted(Base64.getEncoder().encodeToString(stdout.getBytes(StandardCharsets.UTF_8)));
    }
}
