package io.integr8scode.sandbox;

/**
 * Caps on the files a script leaves in its output folder ({@link BootstrapProtocol#OUTPUT_DIR}): enforced by the
 * bootstrap inside the sandbox, checked again by the store outside it.
 *
 * @param fileBytes largest file collected
 * @param runBytes  all files of one run together
 * @param count     files collected per run
 */
public record ArtifactLimits(long fileBytes, long runBytes, int count) {

    public ArtifactLimits {
        if (fileBytes <= 0 || runBytes <= 0 || count <= 0) {
            throw new IllegalArgumentException("artifact limits must be positive");
        }
    }
}
