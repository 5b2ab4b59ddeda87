package io.integr8scode.piston;

import io.integr8scode.runtimes.Runtimes;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The one runtime this Piston answers for: "python" at the sandbox image's Python version (from its manifest,
 * {@link Runtimes}), with the aliases clients use. Without a manifest both endpoints answer 503.
 */
@Component("pistonRuntime")
public class PistonRuntime {

    static final String LANGUAGE = "python";
    static final List<String> ALIASES = List.of("py", "python3");

    private final Runtimes runtimes;

    PistonRuntime(Runtimes runtimes) {
        this.runtimes = runtimes;
    }

    /** An entry of {@code GET /api/v2/runtimes}. */
    public record Entry(String language, String version, List<String> aliases) {
    }

    public List<Entry> list() {
        return List.of(new Entry(LANGUAGE, version(), ALIASES));
    }

    String version() {
        return runtimes.listing().python().version();
    }

    /** Whether a request's language (name or alias) and version selector ("*", "3", "3.11", "3.x") pick this runtime. */
    boolean matches(String language, String selector) {
        String name = language.toLowerCase(Locale.ROOT);
        if (!name.equals(LANGUAGE) && !ALIASES.contains(name)) {
            return false;
        }
        String[] wanted = selector.strip().split("\\.");
        String[] actual = version().split("\\.");
        if (wanted.length > actual.length) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            boolean any = wanted[i].equals("*") || wanted[i].equalsIgnoreCase("x");
            if (!any && !wanted[i].equals(actual[i])) {
                return false;
            }
        }
        return true;
    }
}
