package io.integr8scode.api;

import org.springframework.http.HttpStatus;

/** The problems the web server itself answers with, before any route or controller has read the request. */
final class HttpProblems {

    private HttpProblems() {
    }

    /** The problem for a status the server set without saying more. */
    static ApiProblem forStatus(int status, String method, Object path) {
        return switch (status) {
            case 400 -> ApiProblem.badRequest("The request could not be read: its request line, URL or headers are malformed or too long.");
            case 404 -> ApiProblem.notFound("Not found", "Nothing is served at '" + path + "'.");
            case 405 -> ApiProblem.methodNotAllowed(method);
            default -> new ApiProblem(status, title(status), title(status) + ".");
        };
    }

    static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
