package io.integr8scode.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input gets a 4xx application/problem+json with a title: never a 500, an HTML page, Spring's
 * default JSON or an empty body. Sent over a raw socket, byte for byte, so nothing on the client side
 * cleans the request up first.
 */
class BadInputTest extends SharedAppTest {

    private static final String JSON = "Content-Type: application/json\r\n";

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("invalid UTF-8 in a JSON body", 400, post("/api/v1/executions", JSON, bytes("{\"script\": \"print(", 0xff, 0xfe, ")\"}"))),
                bad("invalid UTF-8 in an outline submission", 400, post("/execute", JSON, bytes("{\"script\": \"", 0xc3, "\"}"))),
                bad("trailing data after the JSON object", 400, post("/api/v1/executions", JSON, ascii("{\"script\": \"print(1)\"} trailing"))),
                bad("a NUL inside the script", 400, post("/api/v1/executions", JSON, ascii("{\"script\": \"print(1)\\u0000\"}"))),
                bad("a lone surrogate in stdin", 400, post("/api/v1/executions", JSON, ascii("{\"script\": \"x\", \"stdin\": \"\\ud800\"}"))),
                bad("trailing data after the credentials", 400, post("/api/v1/auth/login", JSON, ascii("{\"username\": \"a\", \"password\": \"b\"} x"))),
                bad("credentials of the wrong shape", 400, post("/api/v1/auth/login", JSON, ascii("{\"username\": {}}"))),
                bad("credentials not sent as JSON", 415, post("/api/v1/auth/register", "Content-Type: text/plain\r\n", ascii("x"))),
                bad("a control character in an Idempotency-Key", 400, post("/api/v1/executions",
                        JSON + "Idempotency-Key: \u00c3\u0097\u00c3\u00b8\r\n", ascii("{\"script\": \"print(1)\"}"))),
                bad("a control character in an Idempotency-Key of a batch", 400, post("/api/v1/executions/batch",
                        JSON + "Idempotency-Key: k\u0085\r\n", ascii("{\"executions\": [{\"script\": \"print(1)\"}]}"))),
                bad("a query parameter name with an unassigned character", 400, get("/api/v1/executions/x?%CD%B8=1", "")),
                bad("a raw byte beyond ASCII in the query", 400, get("/result/x?" + (char) 0xf4 + "=1", "")),
                bad("multipart/form-data on GET", 404, get("/api/v1/executions/x", "Content-Type: multipart/form-data; boundary=b\r\n")),
                bad("multipart/form-data on DELETE", 401, request("DELETE", "/api/v1/scripts/x", "Content-Type: multipart/form-data\r\n", new byte[0])),
                bad("an id of 10,000 characters", 400, get("/api/v1/executions/" + "a".repeat(10_000), "")),
                bad("an id holding %2F", 400, get("/api/v1/executions/a%2Fb", "")),
                bad("an id holding %25", 400, get("/api/v1/executions/a%25b", "")),
                bad("an id holding ;", 400, get("/api/v1/executions/a;b", "")),
                bad("an id holding ..", 400, get("/api/v1/executions/a/../b", "")),
                bad("an id holding %2E%2E", 400, get("/result/%2E%2E", "")),
                bad("TRACE", 405, request("TRACE", "/api/v1/executions", "", new byte[0])),
                bad("a method the resource does not serve", 405, request("PATCH", "/api/v1/executions", "", new byte[0])),
                bad("an unknown path", 404, get("/api/v1/no-such-thing", "")),
                bad("an unknown path asking for HTML", 404, get("/api/v1/no-such-thing", "Accept: text/html\r\n")),
                bad("a malformed request line", 400, ascii("GET /api/v1/executions HTTP/1.1 extra\r\nHost: x\r\nConnection: close\r\n\r\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersWithAProblem(String input, int status, byte[] request) throws IOException {
        RawResponse response = exchange(request);

        assertThat(response.status()).as("%s: %s", input, response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(input).startsWith("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.path("title").asText()).as(input).isNotBlank();
        assertThat(problem.path("status").asInt()).as(input).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("<html");
    }

    private static Arguments bad(String input, int status, byte[] request) {
        return Arguments.of(input, status, request);
    }

    private static byte[] get(String target, String headers) {
        return request("GET", target, headers, new byte[0]);
    }

    private static byte[] post(String target, String headers, byte[] body) {
        return request("POST", target, headers, body);
    }

    /** The request's bytes: the target as given (chars below 256 as single bytes), Connection: close. */
    private static byte[] request(String method, String target, String headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers
                + (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Text and raw byte values (ints) in order. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer value) {
                out.write(value);
            } else {
                out.writeBytes(ascii((String) part));
            }
        }
        return out.toByteArray();
    }

    private RawResponse exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            return RawResponse.parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    private record RawResponse(int status, String contentType, String body) {

        /** A response read to the end of the connection, one char per byte; chunked bodies are joined. */
        static RawResponse parse(String raw) {
            int headerEnd = raw.indexOf("\r\n\r\n");
            String[] head = raw.substring(0, headerEnd).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            String contentType = "";
            boolean chunked = false;
            for (String header : head) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = header.substring("content-type:".length()).trim();
                }
                chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            }
            String body = raw.substring(headerEnd + 4);
            String bytes = chunked ? unchunk(body) : body;
            return new RawResponse(status, contentType, new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }

        private static String unchunk(String body) {
            StringBuilder joined = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = body.indexOf("\r\n", at);
                int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    return joined.toString();
                }
                joined.append(body, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }
    }
}
