package io.integr8scode.artifacts;

import io.integr8scode.sandbox.ArtifactLimits;
import io.integr8scode.sandbox.Artifacts;
import java.util.ArrayList;
import java.util.List;

/**
 * The caps checked again outside the sandbox: whatever a bootstrap reported, no more than the settings allow is
 * stored. A file over a cap becomes a refusal, as the bootstrap itself would have made it; media types are narrowed
 * by {@link ArtifactMediaTypes}.
 */
final class ArtifactChecks {

    private ArtifactChecks() {
    }

    static Artifacts within(Artifacts reported, ArtifactLimits limits) {
        List<Artifacts.File> kept = new ArrayList<>();
        List<Artifacts.Refusal> refused = new ArrayList<>(reported.refused());
        long total = 0;
        for (Artifacts.File file : reported.files()) {
            String reason = null;
            if (!Artifacts.allowedName(file.name()) || kept.stream().anyMatch(other -> other.name().equals(file.name()))) {
                reason = "name not allowed";
            } else if (kept.size() >= limits.count()) {
                reason = "more than " + limits.count() + " files; the rest are not collected";
            } else if (file.size() > limits.fileBytes()) {
                reason = "larger than " + limits.fileBytes() + " bytes, the limit per file";
            } else if (total + file.size() > limits.runBytes()) {
                reason = "the files before it used the run's " + limits.runBytes() + " bytes for files";
            }
            if (reason != null) {
                refused.add(new Artifacts.Refusal(file.name(), reason));
                continue;
            }
            total += file.size();
            kept.add(new Artifacts.File(file.name(), ArtifactMediaTypes.checked(file.mediaType(), file.data()), file.data()));
        }
        return new Artifacts(kept, refused);
    }
}
