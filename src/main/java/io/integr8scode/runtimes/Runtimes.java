package io.integr8scode.runtimes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8scode.api.ApiProblem;
import io.integr8scode.sandbox.SandboxProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The runtimes scripts get, for {@code routes/runtimes.yaml}: read once at startup from the sandbox image's manifest
 * ({@code integr8scode.sandbox.manifest}). The image never changes under a running app. Without a manifest (an app
 * deployed apart from the image's build) the app still runs scripts, and the listing answers 503.
 */
@Component("runtimes")
public class Runtimes {

    private static final Logger log = LoggerFactory.getLogger(Runtimes.class);

    private final RuntimesView view;

    Runtimes(SandboxProperties sandbox, ObjectMapper json) {
        this.view = read(sandbox.manifest(), json);
    }

    /** The listing, or a 503 problem when this app has no manifest of its image. */
    public RuntimesView listing() {
        if (view == null) {
            throw new ApiProblem(503, "Runtimes unknown",
                    "This server does not know the sandbox image's manifest, so it cannot list its runtimes.");
        }
        return view;
    }

    private static RuntimesView read(Path manifest, ObjectMapper json) {
        RuntimesView read;
        try {
            read = json.readValue(Files.readAllBytes(manifest), RuntimesView.class);
        } catch (NoSuchFileException missing) {
            log.warn("No sandbox image manifest at {}: GET /api/v1/runtimes answers 503. Set "
                    + "integr8scode.sandbox.manifest (or image-dir) to the image's build.", manifest);
            return null;
        } catch (IOException unreadable) {
            throw new IllegalStateException("Cannot read the sandbox image manifest " + manifest + ": "
                    + unreadable.getMessage(), unreadable);
        }
        if (read.image() == null || read.python() == null || read.python().version() == null
                || read.packages() == null) {
            throw new IllegalStateException("The sandbox image manifest " + manifest
                    + " lacks image, python.version or curated: not a manifest of infra/sandbox-image/build.sh");
        }
        return read;
    }
}
