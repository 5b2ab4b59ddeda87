package io.integr8scode.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The submitted work: a script that takes a moment (so kills land mid-run too) and prints its own token. */
final class ChaosScripts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChaosScripts() {
    }

    static String request(String token) {
        return JSON.createObjectNode()
                .put("script", "import time\ntime.sleep(0.2)\nprint('" + token + "')")
                .toString();
    }

    static String expectedOutput(String token) {
        return token + "\n";
    }
}
