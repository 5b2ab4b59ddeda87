package io.integr8scode.runtimes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integr8scode.SharedAppTest;
import io.integr8scode.sandbox.SandboxImageBuild;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/runtimes over HTTP against the real app: the image's manifest, to anyone. */
class RuntimesApiTest extends SharedAppTest {

    @Test
    void listsTheImagesPythonAndCuratedPackagesToAnonymousCallers() {
        HttpResponse<String> response = get("/api/v1/runtimes");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(json(response.body())).isEqualTo(expectedFrom(SandboxImageBuild.manifest()));
        assertThat(json(response.body()).path("image").asText()).isEqualTo(SandboxImageBuild.printImage());
        assertThat(json(response.body()).path("packages").findValuesAsText("module"))
                .containsExactly("numpy", "pandas", "matplotlib", "scipy", "sympy", "PIL");
    }

    @Test
    void isDescribedInTheOpenApiDocument() {
        JsonNode document = json(get("/api/v1/openapi.json").body());

        assertThat(document.at("/paths/~1api~1v1~1runtimes/get").isMissingNode()).isFalse();
    }

    /** The manifest's image, suite, interpreter and curated entries, as the API names them. */
    static JsonNode expectedFrom(JsonNode manifest) {
        ObjectNode expected = JSON.createObjectNode()
                .put("image", manifest.path("image").asText())
                .put("debian_suite", manifest.path("debian_suite").asText());
        expected.putObject("python")
                .put("implementation", manifest.at("/python/implementation").asText())
                .put("version", manifest.at("/python/version").asText());
        ArrayNode packages = expected.putArray("packages");
        manifest.path("curated").forEach(packages::add);
        return expected;
    }
}
