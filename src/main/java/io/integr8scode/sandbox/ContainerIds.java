package io.integr8scode.sandbox;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Container ids: {@code i8s-<sanitised execution id>-<random>}. The prefix marks our containers for the
 * leftover sweep; the execution id makes a leftover traceable; the suffix keeps retries apart.
 */
final class ContainerIds {

    static final String PREFIX = "i8s-";
    private static final int MAX_EXECUTION_PART = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ContainerIds() {
    }

    static String newAttempt(String executionId) {
        String safe = executionId == null ? "" : executionId.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (safe.length() > MAX_EXECUTION_PART) {
            safe = safe.substring(0, MAX_EXECUTION_PART);
        }
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        return PREFIX + safe + "-" + HexFormat.of().formatHex(suffix);
    }

    static boolean isOurs(String containerId) {
        return containerId.startsWith(PREFIX);
    }
}
