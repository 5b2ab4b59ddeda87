package io.integr8scode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Camel loads the route files application.yaml names one by one (a wildcard would scan the whole packaged
 * jar at every start), so a file added to routes/ must be named there too, or its routes silently never run.
 */
class RouteFilesTest {

    private static final Path ROUTES = Path.of("routes");

    @Test
    void loadsEveryFileInTheRoutesDirectory() throws IOException {
        assertThat(includedFiles()).isEqualTo(filesInRoutes());
    }

    @Test
    void namesFilesWithoutWildcards() throws IOException {
        assertThat(includedFiles()).allMatch(file -> !file.contains("*") && !file.contains("?"));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> includedFiles() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.yaml"))) {
            Map<String, Object> settings = new Yaml().load(in);
            Map<String, Object> main = (Map<String, Object>) ((Map<String, Object>) settings.get("camel")).get("main");
            return Arrays.stream(((String) main.get("routes-include-pattern")).split(","))
                    .map(String::strip)
                    .map(location -> location.substring("classpath:".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> filesInRoutes() throws IOException {
        try (Stream<Path> files = Files.walk(ROUTES)) {
            return files.filter(file -> file.toString().endsWith(".yaml"))
                    .map(file -> "routes/" + ROUTES.relativize(file).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
