package io.integr8scode.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What scripts get from the sandbox image (infra/sandbox-image): its Python and its curated packages, importable
 * within the default limits, at the versions its manifest lists (which GET /api/v1/runtimes serves). Under the local
 * runner only: the Kubernetes runner runs the same image, but no tier here starts real pods yet (tier 2 has an API
 * server and no kubelet), so the same comparison under a pod waits for a node (tier 3).
 */
class SandboxImageTest {

    @Nested
    class Runc extends Scenarios {
        @Override
        String runtime() {
            return "runc";
        }
    }

    @Nested
    class Crun extends Scenarios {
        @Override
        String runtime() {
            return "crun";
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

    abstract static class Scenarios extends RealRuntimeTest {

        static final ObjectMapper JSON = new ObjectMapper();
        static final JsonNode MANIFEST = SandboxImageBuild.manifest();
        /** What a request that sets no limits gets (integr8scode.executions.default-limits). */
        static final ExecutionLimits DEFAULT_LIMITS =
                ShippedSettings.bind("integr8scode.executions.default-limits", ExecutionLimits.class, Map.of());

        /** One line of JSON: the interpreter's version and, per curated module, its own and its distribution's. */
        static final String PRINT_VERSIONS = """
                import importlib, importlib.metadata, json, platform
                curated = %s
                print(json.dumps({
                    'python': platform.python_version(),
                    'modules': {module: importlib.import_module(module).__version__ for module in curated},
                    'distributions': {module: importlib.metadata.version(distribution)
                                      for module, distribution in curated.items()},
                }))
                """;

        static final String IMPORT_EVERYTHING = """
                import time
                started = time.perf_counter()
                import numpy, pandas, matplotlib, scipy, sympy, PIL
                import matplotlib.pyplot, scipy.linalg
                imported = time.perf_counter()
                print('imported in', round(imported - started, 2), 's')
                matplotlib.pyplot.plot(numpy.linspace(0, 1, 11), numpy.linspace(0, 1, 11) ** 2)
                matplotlib.pyplot.savefig('/tmp/plot.png')
                # The bootstrap's backend (plt.show() saves figures as artifacts) draws with Agg.
                print(matplotlib.get_backend(), type(matplotlib.pyplot.gcf().canvas).__name__,
                      open('/tmp/plot.png', 'rb').read(4) == b'\\x89PNG')
                print(pandas.DataFrame({'x': [1, 2, 3]}).x.sum(), sympy.diff(sympy.Symbol('x') ** 3))
                """;

        @Test
        void importsEveryCuratedPackageWithinTheDefaultLimits() {
            assertThat(DEFAULT_LIMITS).isEqualTo(new ExecutionLimits(10, 256, 1000));

            SandboxResult result = runner.run(new SandboxJob("imports", IMPORT_EVERYTHING, "", DEFAULT_LIMITS));

            assertThat(result.errors()).isEmpty();
            assertThat(result.failureReason()).isNull();
            assertThat(result.output()).startsWith("imported in ").endsWith("\nmodule://integr8scode_plots FigureCanvasAgg True\n6 3*x**2\n");
            // Figures for docs/benchmarks.md ("Sandbox image"); nothing is asserted about time.
            System.out.printf("%s: %s sandbox run %d ms, peak RSS %d MB%n", runtime(), result.output().lines()
                    .findFirst().orElseThrow(), result.durationMs(), result.usage().maxRssKb() / 1024);
        }

        @Test
        void scriptsSeeThePythonAndPackageVersionsTheManifestLists() throws Exception {
            ObjectNode curated = JSON.createObjectNode();
            ObjectNode versions = JSON.createObjectNode();
            for (JsonNode entry : MANIFEST.path("curated")) {
                curated.put(entry.path("module").asText(), entry.path("distribution").asText());
                versions.put(entry.path("module").asText(), entry.path("version").asText());
            }
            assertThat(curated.properties()).extracting(Map.Entry::getKey)
                    .containsExactly("numpy", "pandas", "matplotlib", "scipy", "sympy", "PIL");

            SandboxResult result = completed(PRINT_VERSIONS.formatted(curated));

            ObjectNode expected = JSON.createObjectNode().put("python", MANIFEST.at("/python/version").asText());
            expected.set("modules", versions);
            expected.set("distributions", versions);
            assertThat(JSON.readTree(result.output())).isEqualTo(expected);
        }
    }
}
