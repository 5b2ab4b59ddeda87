package io.integr8scode.sandbox;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files a script leaves in /tmp/outputs come back as artifacts, under every runtime, cold and warm: a plotted
 * figure as a real PNG, within the caps (per file, per run, count); and nothing but regular files is ever read
 * (links to the bootstrap's or the system's files, FIFOs, folders, unreadable files are refused with a reason).
 */
class SandboxArtifactsTest {

    @Nested
    class Runc extends Scenarios {
        @Override
        String runtime() {
            return "runc";
        }
    }

    @Nested
    class RuncPooled extends Runc {
        @Override
        boolean pooled() {
            return true;
        }
    }

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

        static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        /** What a request that sets no limits gets: the curated packages must plot within it. */
        static final ExecutionLimits DEFAULT_LIMITS =
                ShippedSettings.bind("integr8scode.executions.default-limits", ExecutionLimits.class, Map.of());

        SandboxResult runWithDefaults(String script) {
            return runner.run(new SandboxJob("test-exec", script, "", DEFAULT_LIMITS));
        }

        @Test
        void aPlotShownAndOneSavedComeBackAsPngsWithTheirData() {
            SandboxResult result = runWithDefaults("""
                    import os
                    import numpy as np
                    import pandas as pd
                    import matplotlib.pyplot as plt
                    frame = pd.DataFrame({'x': np.arange(50), 'y': np.sin(np.arange(50) / 5)})
                    plt.figure(figsize=(4, 3), dpi=100)
                    plt.plot(frame.x, frame.y)
                    plt.show()
                    fig, ax = plt.subplots(figsize=(2, 1), dpi=50)
                    ax.bar(['a', 'b'], [1, 2])
                    fig.savefig(os.path.join(os.environ['INTEGR8SCODE_OUTPUTS'], 'bars.png'))
                    frame.to_csv('/tmp/outputs/data.csv', index=False)
                    print(os.environ['MPLBACKEND'], sorted(os.listdir('/tmp/outputs')))
                    """);

            assertThat(result.errors()).isEmpty();
            assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(result.output()).isEqualTo(
                    "module://integr8scode_plots ['bars.png', 'data.csv', 'figure-1.png']\n");
            Artifacts artifacts = result.artifacts();
            assertThat(artifacts.refused()).isEmpty();
            assertThat(artifacts.files()).extracting(Artifacts.File::name, Artifacts.File::mediaType)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("bars.png", "image/png"),
                            org.assertj.core.groups.Tuple.tuple("data.csv", "text/csv"),
                            org.assertj.core.groups.Tuple.tuple("figure-1.png", "image/png"));
            assertThat(pngSize(file(artifacts, "figure-1.png"))).containsExactly(400, 300);
            assertThat(pngSize(file(artifacts, "bars.png"))).containsExactly(100, 50);
            assertThat(new String(file(artifacts, "data.csv")).lines()).hasSize(51).first().isEqualTo("x,y");
        }

        @Test
        void showWithoutFiguresSavesNothingAndAScriptWithoutFilesHasNone() {
            SandboxResult result = completed("""
                    import matplotlib.pyplot as plt
                    plt.show()
                    print('nothing to show')
                    """);

            assertThat(result.artifacts()).isEqualTo(Artifacts.NONE);
        }

        @Test
        void refusesLinksFifosFoldersAndUnreadableFilesWithoutFollowingThem() {
            SandboxResult result = completed("""
                    import os
                    out = '/tmp/outputs'
                    os.symlink('/etc/passwd', out + '/passwd')
                    os.symlink('/proc/1/environ', out + '/environ')
                    os.symlink('/sandbox/bootstrap.py', out + '/bootstrap.py')
                    os.mkfifo(out + '/fifo')
                    os.mkdir(out + '/folder')
                    with open(out + '/private.txt', 'w') as handle:
                        handle.write('mine')
                    os.chmod(out + '/private.txt', 0)
                    with open(out + '/.hidden', 'w') as handle:
                        handle.write('x')
                    with open(out + '/ok.txt', 'w') as handle:
                        handle.write('fine')
                    """);

            Artifacts artifacts = result.artifacts();
            assertThat(artifacts.files()).extracting(Artifacts.File::name).containsExactly("ok.txt");
            assertThat(new String(file(artifacts, "ok.txt"))).isEqualTo("fine");
            assertThat(reasons(artifacts)).containsExactly(
                    ".hidden: name not allowed",
                    "bootstrap.py: a symbolic link; only regular files are collected",
                    "environ: a symbolic link; only regular files are collected",
                    "fifo: a FIFO; only regular files are collected",
                    "folder: a folder; only regular files are collected",
                    "passwd: a symbolic link; only regular files are collected",
                    "private.txt: unreadable: Permission denied");
        }

        @Test
        void anOutputFolderReplacedByALinkIsNotFollowed() {
            SandboxResult result = completed("""
                    import os
                    os.rmdir('/tmp/outputs')
                    os.symlink('/etc', '/tmp/outputs')
                    """);

            assertThat(result.artifacts().files()).isEmpty();
            assertThat(reasons(result.artifacts())).containsExactly(
                    "outputs: the output folder cannot be read (it is not a folder); nothing was collected");
        }

        @Test
        void anOutputFolderTheBootstrapMayNotReadIsReported() {
            SandboxResult result = completed("""
                    import os
                    open('/tmp/outputs/kept-private.txt', 'w').write('x')
                    os.chmod('/tmp/outputs', 0o700)
                    """);

            assertThat(result.artifacts().files()).isEmpty();
            assertThat(reasons(result.artifacts())).containsExactly(
                    "outputs: the output folder cannot be read (Permission denied); nothing was collected");
        }

        @Test
        void keepsFilesWithinTheCapsPerFilePerRunAndInNumber() {
            ArtifactLimits caps = properties.artifactLimits();
            SandboxResult result = completed("""
                    file_cap, run_cap, count = %d, %d, %d
                    out = '/tmp/outputs/'
                    open(out + 'a-too-big.bin', 'wb').write(b'x' * (file_cap + 1))
                    open(out + 'b-half.bin', 'wb').write(b'y' * (run_cap // 2 + 1))
                    open(out + 'c-over-the-run.bin', 'wb').write(b'z' * (run_cap // 2))
                    for i in range(count + 2):
                        open(out + 'n%%02d.txt' %% i, 'w').write(str(i))
                    """.formatted(caps.fileBytes(), caps.runBytes(), caps.count()));

            Artifacts artifacts = result.artifacts();
            assertThat(artifacts.files()).hasSize(caps.count());
            assertThat(artifacts.files().get(0).name()).isEqualTo("b-half.bin");
            assertThat(artifacts.files().get(0).size()).isEqualTo(caps.runBytes() / 2 + 1);
            assertThat(artifacts.files().get(1).name()).isEqualTo("n00.txt");
            assertThat(artifacts.files().stream().mapToLong(Artifacts.File::size).sum()).isLessThanOrEqualTo(caps.runBytes());
            // b and count - 1 of the small files fit the count; the last three do not.
            assertThat(reasons(artifacts)).containsExactly(
                    "a-too-big.bin: larger than " + caps.fileBytes() + " bytes, the limit per file",
                    "c-over-the-run.bin: the files before it used the run's " + caps.runBytes() + " bytes for files",
                    "n15.txt: more than 16 files; the rest are not collected",
                    "n16.txt: more than 16 files; the rest are not collected",
                    "n17.txt: more than 16 files; the rest are not collected");
        }

        static byte[] file(Artifacts artifacts, String name) {
            return artifacts.files().stream().filter(file -> file.name().equals(name)).findFirst().orElseThrow().data();
        }

        static List<String> reasons(Artifacts artifacts) {
            return artifacts.refused().stream().map(refusal -> refusal.name() + ": " + refusal.reason()
                    .replaceFirst("^(name not allowed).*", "$1")).toList();
        }

        /** Width and height from a PNG's IHDR chunk, after checking its signature. */
        static int[] pngSize(byte[] png) {
            assertThat(Arrays.copyOf(png, 8)).isEqualTo(PNG_SIGNATURE);
            assertThat(new String(png, 12, 4)).isEqualTo("IHDR");
            ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
            return new int[] {header.getInt(), header.getInt()};
        }
    }
}
