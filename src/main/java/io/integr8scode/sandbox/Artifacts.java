package io.integr8scode.sandbox;

import java.util.List;

/**
 * What a run left in its output folder: the files collected (in name order) and the entries the bootstrap refused,
 * each with its reason (a symbolic link, a FIFO, over a cap, an unreadable file, a name not allowed).
 */
public record Artifacts(List<File> files, List<Refusal> refused) {

    public static final Artifacts NONE = new Artifacts(List.of(), List.of());

    public Artifacts {
        files = List.copyOf(files);
        refused = List.copyOf(refused);
    }

    /** One collected file; the media type is the bootstrap's guess from its first bytes and its name. */
    public record File(String name, String mediaType, byte[] data) {
        public long size() {
            return data.length;
        }
    }

    /** An entry of the output folder that was not collected, and why. */
    public record Refusal(String name, String reason) {
    }

    /**
     * Whether a name may be an artifact's: what the bootstrap collects (ASCII letters, digits, '.', '_', '-', at
     * most 100 characters, no leading dot). Such a name is safe in a URL path segment and a Content-Disposition.
     */
    public static boolean allowedName(String name) {
        return name != null && name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");
    }
}
