package io.integr8scode.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Files a script leaves in /tmp/outputs of its pod come back through the pod's log: a plotted figure as a real PNG,
 * links and FIFOs refused, and a run at every cap at once (full stdout and stderr and the largest artifact) still
 * fits the log reader's limit and the kubelet's log file.
 */
class PodArtifactsTest extends ClusterAppTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void aNumpyPandasMatplotlibPlotComesBackAsAPng() {
        String id = submitScript("""
                import os
                import numpy as np
                import pandas as pd
                import matplotlib.pyplot as plt
                frame = pd.DataFrame({'x': np.arange(20), 'y': np.arange(20) ** 2})
                plt.figure(figsize=(5, 2), dpi=100)
                plt.plot(frame.x, frame.y)
                plt.show()
                frame.to_csv('/tmp/outputs/squares.csv', index=False)
                os.symlink('/proc/1/environ', '/tmp/outputs/environ')
                os.mkfifo('/tmp/outputs/fifo')
                print('plotted')
                """);

        JsonNode execution = awaitTerminal(id, POD_RUN);
        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("completed");
        assertThat(execution.path("output").asText()).isEqualTo("plotted\n");

        JsonNode listing = json(get("/api/v1/executions/" + id + "/artifacts").body());
        assertThat(listing.path("items").findValuesAsText("name")).containsExactly("figure-1.png", "squares.csv");
        assertThat(listing.path("refused").toString()).isEqualTo("[{\"name\":\"environ\",\"reason\":\"a symbolic link; "
                + "only regular files are collected\"},{\"name\":\"fifo\",\"reason\":\"a FIFO; only regular files are collected\"}]");
        HttpResponse<byte[]> png = getBytes("/api/v1/executions/" + id + "/artifacts/figure-1.png", null);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(Arrays.copyOf(png.body(), 8)).isEqualTo(PNG_SIGNATURE);
        ByteBuffer header = ByteBuffer.wrap(png.body(), 16, 8);
        assertThat(new int[] {header.getInt(), header.getInt()}).containsExactly(500, 200);
        assertThat(new String(getBytes("/api/v1/executions/" + id + "/artifacts/squares.csv", null).body()))
                .startsWith("x,y\n0,0\n1,1\n2,4\n");
    }

    @Test
    void aRunAtEveryCapStillFitsThePodLog() throws Exception {
        String id = submitScript("""
                import hashlib, os, sys
                data = os.urandom(2 * 1024 * 1024 - 64)
                open('/tmp/outputs/random.bin', 'wb').write(data)
                open('/tmp/outputs/sha256.txt', 'w').write(hashlib.sha256(data).hexdigest())
                sys.stdout.write('o' * (1024 * 1024 + 10))
                sys.stderr.write('e' * (1024 * 1024 + 10))
                """);

        JsonNode execution = awaitTerminal(id, POD_RUN);
        assertThat(execution.path("status").asText()).as("%s", execution.path("failure_reason")).isEqualTo("completed");
        assertThat(execution.path("output_truncated").asBoolean()).isTrue();
        HttpResponse<byte[]> file = getBytes("/api/v1/executions/" + id + "/artifacts/random.bin", null);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).hasSize(2 * 1024 * 1024 - 64);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.body())))
                .isEqualTo(new String(getBytes("/api/v1/executions/" + id + "/artifacts/sha256.txt", null).body()));
        assertThat(file.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"random.bin\"");
    }
}
