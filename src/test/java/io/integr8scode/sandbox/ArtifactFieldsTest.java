package io.integr8scode.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.integr8scode.sandbox.BootstrapProtocol.MalformedFrameException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A frame's artifacts are read strictly: what the bootstrap collected, or the frame is not a result. */
class ArtifactFieldsTest {

    static String frameWith(String artifacts) {
        String frame = BootstrapProtocolTest.frame("0", "null", false, "");
        return frame.substring(0, frame.length() - 2) + "," + artifacts + "}\n";
    }

    @Test
    void readsFilesAndRefusalsIntoTheResult() throws MalformedFrameException {
        BootstrapReport report = BootstrapProtocol.readReport(frameWith("""
                "artifacts":[{"name":"plot.png","media_type":"image/png","size":3,"data_b64":"AQID"}],\
                "refused_artifacts":[{"name":"passwd","reason":"a symbolic link; only regular files are collected"}]"""));

        Artifacts artifacts = report.toSandboxResult(BootstrapProtocolTest.EVIDENCE).artifacts();
        assertThat(artifacts.files()).singleElement().satisfies(file -> {
            assertThat(file.name()).isEqualTo("plot.png");
            assertThat(file.mediaType()).isEqualTo("image/png");
            assertThat(file.data()).containsExactly(1, 2, 3);
        });
        assertThat(artifacts.refused()).containsExactly(
                new Artifacts.Refusal("passwd", "a symbolic link; only regular files are collected"));
    }

    @Test
    void aFrameWithoutThemHasNone() throws MalformedFrameException {
        assertThat(BootstrapProtocol.readReport(BootstrapProtocolTest.frame("0", "null", false, "")).artifacts())
                .isEqualTo(Artifacts.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"artifacts\":{}",
        "\"artifacts\":[1]",
        "\"artifacts\":[{\"name\":\"../etc/passwd\",\"media_type\":\"text/plain\",\"size\":0,\"data_b64\":\"\"}]",
        "\"artifacts\":[{\"name\":\".hidden\",\"media_type\":\"text/plain\",\"size\":0,\"data_b64\":\"\"}]",
        "\"artifacts\":[{\"name\":\"a.txt\",\"media_type\":\"text/plain\",\"size\":4,\"data_b64\":\"AQID\"}]",
        "\"artifacts\":[{\"name\":\"a.txt\",\"media_type\":\"text/plain\",\"size\":3,\"data_b64\":\"not base64!\"}]",
        "\"artifacts\":[{\"name\":\"a.txt\",\"size\":3,\"data_b64\":\"AQID\"}]",
        "\"refused_artifacts\":[{\"name\":\"x\"}]",
    })
    void refusesMalformedArtifacts(String fields) {
        SandboxResult result = BootstrapProtocol.parse(frameWith(fields), BootstrapProtocolTest.EVIDENCE);

        assertThat(result.exitCode()).isNull();
        assertThat(result.failureReason()).startsWith("sandbox returned no usable result");
        assertThat(result.artifacts()).isEqualTo(Artifacts.NONE);
    }

    @Test
    void namesAreWhatTheBootstrapCollects() {
        assertThat(Artifacts.allowedName("figure-1.png")).isTrue();
        assertThat(Artifacts.allowedName("_data.csv")).isTrue();
        assertThat(Artifacts.allowedName("a".repeat(100))).isTrue();
        for (String name : new String[] {"", ".env", "a/b", "a b", "é.png", "a".repeat(101), "..", null}) {
            assertThat(Artifacts.allowedName(name)).as(name).isFalse();
        }
    }
}
