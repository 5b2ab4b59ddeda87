package io.integr8scode.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.integr8scode.sandbox.ArtifactLimits;
import io.integr8scode.sandbox.Artifacts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outside the sandbox the caps hold again, and no file is labelled an image it is not. */
class ArtifactChecksTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0};
    static final ArtifactLimits LIMITS = new ArtifactLimits(10, 15, 2);

    @Test
    void refusesWhatABootstrapReportedBeyondTheCaps() {
        Artifacts reported = new Artifacts(List.of(file("a.bin", 11), file("b.bin", 9), file("c.bin", 7),
                file("d.bin", 1), file("e.bin", 1)), List.of(new Artifacts.Refusal("link", "a symbolic link")));

        Artifacts checked = ArtifactChecks.within(reported, LIMITS);

        assertThat(checked.files()).extracting(Artifacts.File::name).containsExactly("b.bin", "d.bin");
        assertThat(checked.refused()).extracting(Artifacts.Refusal::name).containsExactly("link", "a.bin", "c.bin", "e.bin");
        assertThat(checked.refused().get(1).reason()).isEqualTo("larger than 10 bytes, the limit per file");
        assertThat(checked.refused().get(2).reason()).isEqualTo("the files before it used the run's 15 bytes for files");
        assertThat(checked.refused().get(3).reason()).isEqualTo("more than 2 files; the rest are not collected");
    }

    @Test
    void refusesNamesNotAllowedAndASecondFileOfTheSameName() {
        Artifacts checked = ArtifactChecks.within(new Artifacts(List.of(file("x.txt", 1), file("x.txt", 1),
                file("../x", 1)), List.of()), new ArtifactLimits(10, 10, 5));

        assertThat(checked.files()).extracting(Artifacts.File::name).containsExactly("x.txt");
        assertThat(checked.refused()).extracting(Artifacts.Refusal::reason).containsOnly("name not allowed");
    }

    @Test
    void keepsAnImageTypeOnlyWithItsSignatureAndUnknownTypesAsBytes() {
        assertThat(ArtifactMediaTypes.checked("image/png", PNG)).isEqualTo("image/png");
        assertThat(ArtifactMediaTypes.checked("image/png", "<html>".getBytes())).isEqualTo("application/octet-stream");
        assertThat(ArtifactMediaTypes.checked("image/gif", "GIF89a...".getBytes())).isEqualTo("image/gif");
        assertThat(ArtifactMediaTypes.checked("image/webp", "RIFF\0\0\0\0WEBPVP8 ".getBytes())).isEqualTo("image/webp");
        assertThat(ArtifactMediaTypes.checked("image/webp", "RIFF\0\0\0\0WAVE".getBytes())).isEqualTo("application/octet-stream");
        assertThat(ArtifactMediaTypes.checked("text/html; charset=utf-8", new byte[0])).isEqualTo("application/octet-stream");
        assertThat(ArtifactMediaTypes.checked("application/x-evil", new byte[0])).isEqualTo("application/octet-stream");
        assertThat(ArtifactMediaTypes.checked("image/svg+xml", "<svg/>".getBytes())).isEqualTo("image/svg+xml");
        assertThat(ArtifactMediaTypes.inline("image/svg+xml")).isFalse();
        assertThat(ArtifactMediaTypes.inline("image/png")).isTrue();
    }

    private static Artifacts.File file(String name, int size) {
        return new Artifacts.File(name, "application/octet-stream", new byte[size]);
    }
}
