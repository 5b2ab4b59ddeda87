package io.integr8scode.artifacts;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Which media type an artifact is stored and served with. The bootstrap names one; only a type on this list is kept,
 * and an image type only when the file starts with that format's signature, so a browser is never handed markup
 * labelled as a picture. Only {@link #INLINE} images are shown in the page; everything else is a download.
 */
final class ArtifactMediaTypes {

    static final String OCTET_STREAM = "application/octet-stream";
    static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    private static final Set<String> KEPT = Set.of("image/png", "image/jpeg", "image/gif", "image/webp",
            "image/svg+xml", "application/pdf", "text/csv", "text/plain", "text/markdown", "text/html",
            "application/json", "application/xml", "application/zip", OCTET_STREAM);
    private static final Map<String, byte[][]> SIGNATURES = Map.of(
            "image/png", new byte[][] {{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}},
            "image/jpeg", new byte[][] {{(byte) 0xff, (byte) 0xd8, (byte) 0xff}},
            "image/gif", new byte[][] {"GIF87a".getBytes(), "GIF89a".getBytes()});

    private ArtifactMediaTypes() {
    }

    static String checked(String claimed, byte[] data) {
        if (claimed == null || !KEPT.contains(claimed)) {
            return OCTET_STREAM;
        }
        if (INLINE.contains(claimed) && !hasSignature(claimed, data)) {
            return OCTET_STREAM;
        }
        return claimed;
    }

    static boolean inline(String mediaType) {
        return INLINE.contains(mediaType);
    }

    private static boolean hasSignature(String mediaType, byte[] data) {
        if (mediaType.equals("image/webp")) {
            return data.length >= 12 && startsWith(data, "RIFF".getBytes(), 0) && startsWith(data, "WEBP".getBytes(), 8);
        }
        return Arrays.stream(SIGNATURES.get(mediaType)).anyMatch(signature -> startsWith(data, signature, 0));
    }

    private static boolean startsWith(byte[] data, byte[] prefix, int at) {
        return data.length >= at + prefix.length
                && Arrays.equals(data, at, at + prefix.length, prefix, 0, prefix.length);
    }
}
