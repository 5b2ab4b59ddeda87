package io.integr8scode.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run's files through the API: listed with name, media type and size (refused entries with their reason), served
 * with headers that keep a browser from sniffing or running them (raster images inline, anything else a download),
 * and readable exactly by those who may read the execution.
 */
class ArtifactsApiTest extends SharedAppTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final String FILES = """
            import os
            import matplotlib.pyplot as plt
            plt.plot([1, 2, 3], [3, 1, 2])
            plt.show()
            out = os.environ['INTEGR8SCODE_OUTPUTS']
            open(out + '/notes.txt', 'w').write('hello')
            open(out + '/page.svg', 'w').write('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
            open(out + '/fake.png', 'w').write('<html><script>alert(1)</script></html>')
            os.symlink('/etc/passwd', out + '/passwd')
            """;

    @Test
    void listsAndServesTheFilesARunLeft() {
        String id = submitScript(FILES);
        assertThat(awaitTerminal(id, Duration.ofSeconds(60)).path("status").asText()).isEqualTo("completed");

        JsonNode listing = json(get("/api/v1/executions/" + id + "/artifacts").body());
        assertThat(listing.path("items").toString()).isEqualTo(("[{'name':'fake.png','media_type':'application/octet-stream','size':38},"
                + "{'name':'figure-1.png','media_type':'image/png','size':%d},{'name':'notes.txt','media_type':'text/plain','size':5},"
                + "{'name':'page.svg','media_type':'image/svg+xml','size':71}]")
                .formatted(listing.path("items").get(1).path("size").asLong()).replace('\'', '"'));
        assertThat(listing.path("refused").toString())
                .isEqualTo("[{\"name\":\"passwd\",\"reason\":\"a symbolic link; only regular files are collected\"}]");

        HttpResponse<byte[]> png = fetch(id, "figure-1.png", null);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(Arrays.copyOf(png.body(), 8)).isEqualTo(PNG_SIGNATURE);
        assertThat((long) png.body().length).isEqualTo(listing.path("items").get(1).path("size").asLong());
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"figure-1.png\"");
        assertSafeHeaders(png);
        for (String name : List.of("fake.png", "page.svg", "notes.txt")) {
            HttpResponse<byte[]> download = fetch(id, name, null);
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"" + name + "\"");
            assertSafeHeaders(download);
        }
        assertThat(fetch(id, "fake.png", null).headers().firstValue("Content-Type")).hasValue("application/octet-stream");

        assertProblem(get("/api/v1/executions/" + id + "/artifacts/passwd"), 404, "no artifact named 'passwd'");
        assertProblem(get("/api/v1/executions/" + id + "/artifacts/missing.png"), 404, "no artifact named 'missing.png'");
        assertProblem(get("/api/v1/executions/no-such-id/artifacts"), 404, "no-such-id");
        assertProblem(get("/api/v1/executions/no-such-id/artifacts/figure-1.png"), 404, "no-such-id");
    }

    @Test
    void aScriptWithoutFilesHasAnEmptyListing() {
        String id = submitScript("print('no files')");
        awaitTerminal(id, Duration.ofSeconds(30));

        assertThat(get("/api/v1/executions/" + id + "/artifacts").body()).isEqualTo("{\"items\":[],\"refused\":[]}");
    }

    @Test
    void onlyThoseWhoMayReadTheExecutionGetItsFiles() {
        String alice = signUp(uniqueName("alice"));
        String bob = signUp(uniqueName("bob"));
        HttpResponse<String> submitted = request("POST", "/api/v1/executions", alice,
                "{\"script\": \"open('/tmp/outputs/secret.txt', 'w').write('alice only')\"}");
        String id = json(submitted.body()).path("execution_id").asText();
        awaitOwned(id, alice);

        assertThat(new String(fetch(id, "secret.txt", alice).body())).isEqualTo("alice only");
        assertThat(request("GET", "/api/v1/executions/" + id + "/artifacts", alice, null).statusCode()).isEqualTo(200);
        assertThat(fetch(id, "secret.txt", signInAdmin()).statusCode()).isEqualTo(200);
        for (String stranger : Arrays.asList(bob, null)) {
            assertProblem(request("GET", "/api/v1/executions/" + id + "/artifacts", stranger, null), 404, id);
            HttpResponse<byte[]> file = fetch(id, "secret.txt", stranger);
            assertThat(file.statusCode()).isEqualTo(404);
            assertThat(new String(file.body())).doesNotContain("alice only");
        }
    }

    private void awaitOwned(String id, String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!json(request("GET", "/api/v1/executions/" + id, token, null).body()).path("status").asText().equals("completed")) {
            assertThat(System.nanoTime()).as("execution %s completes", id).isLessThan(deadline);
            sleep(Duration.ofMillis(100));
        }
    }

    private static void assertSafeHeaders(HttpResponse<byte[]> response) {
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; sandbox");
    }

    private HttpResponse<byte[]> fetch(String id, String name, String token) {
        return getBytes("/api/v1/executions/" + id + "/artifacts/" + name, token);
    }
}
