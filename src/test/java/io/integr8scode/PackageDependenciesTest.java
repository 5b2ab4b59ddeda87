package io.integr8scode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The feature packages depend on each other one way only: no two packages use each other, directly or
 * around a circle. Read from the sources' references to {@code io.integr8scode.<package>.}, so a fully
 * qualified name counts like an import.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/integr8scode");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.integr8scode\\.([a-z0-9]+)\\.");

    @Test
    void packagesFormNoCycle() {
        Map<String, Set<String>> uses = dependencies();

        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            findCycles(start, start, new ArrayList<>(List.of(start)), uses, cycles);
        }

        assertThat(cycles).as("package dependencies %s", uses).isEmpty();
    }

    @Test
    void seesTheDependenciesItChecks() {
        assertThat(dependencies()).containsKeys("api", "execution", "security", "quota", "scripts")
                .satisfies(uses -> assertThat(uses.get("execution")).contains("api", "security"));
    }

    private static void findCycles(String start, String at, List<String> path, Map<String, Set<String>> uses, List<String> cycles) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                // Report each cycle once, from its alphabetically first package.
                if (path.stream().allMatch(name -> start.compareTo(name) <= 0)) {
                    cycles.add(String.join(" -> ", path) + " -> " + start);
                }
            } else if (!path.contains(next)) {
                path.add(next);
                findCycles(start, next, path, uses, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the application class at the root wires everything
                }
                String pkg = relative.getName(0).toString();
                Set<String> used = uses.computeIfAbsent(pkg, name -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(Files.readString(file).replaceFirst("package [^;]+;", ""));
                while (reference.find()) {
                    if (!reference.group(1).equals(pkg)) {
                        used.add(reference.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }
}
