package io.integr8scode.runtimes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8scode.api.ApiProblem;
import io.integr8scode.sandbox.ShippedSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The listing is the manifest's image, Python and curated packages, in snake_case; without a manifest, a 503. */
class RuntimesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Runtimes runtimesOf(Path manifest) {
        return new Runtimes(ShippedSettings.sandbox(Map.of("integr8scode.sandbox.manifest", manifest.toString())), JSON);
    }

    @Test
    void listsThePythonAndTheCuratedPackagesOfTheManifest() throws IOException {
        Path manifest = Files.writeString(dir.resolve("manifest.json"), """
                {"image": "integr8scode-sandbox:0123456789ab", "debian_suite": "bookworm",
                 "python": {"implementation": "CPython", "version": "3.11.2", "executable": "/usr/bin/python3"},
                 "curated": [{"module": "PIL", "distribution": "Pillow", "version": "9.4.0",
                              "debian_package": "python3-pil", "debian_version": "9.4.0-1.1+deb12u1"}],
                 "python_distributions": [{"name": "Pillow", "version": "9.4.0"}],
                 "debian_packages": [{"name": "python3-pil", "version": "9.4.0-1.1+deb12u1", "architecture": "amd64"}]}
                """);

        assertThat((JsonNode) JSON.valueToTree(runtimesOf(manifest).listing())).isEqualTo(JSON.readTree("""
                {"image": "integr8scode-sandbox:0123456789ab", "debian_suite": "bookworm",
                 "python": {"implementation": "CPython", "version": "3.11.2"},
                 "packages": [{"module": "PIL", "distribution": "Pillow", "version": "9.4.0",
                               "debian_package": "python3-pil", "debian_version": "9.4.0-1.1+deb12u1"}]}
                """));
    }

    @Test
    void answersUnavailableWithoutAManifest() {
        Runtimes runtimes = runtimesOf(dir.resolve("absent.json"));

        assertThatThrownBy(runtimes::listing).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(503);
            assertThat(problem.getMessage()).doesNotContain(dir.toString());
        });
    }

    @Test
    void refusesToStartOnAFileThatIsNotAManifest() throws IOException {
        Path notAManifest = Files.writeString(dir.resolve("manifest.json"), "{\"name\": \"something else\"}");

        assertThatThrownBy(() -> runtimesOf(notAManifest)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lacks image, python.version or curated");
    }
}
