package io.integr8scode.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error answers (a request line it cannot parse, an encoded slash, a URL over the header size,
 * TRACE) as problem+json instead of its HTML page. Runs where Tomcat's ErrorReportValve would, so only for
 * errors that nothing after it has answered with a body.
 */
class ProblemReportValve extends ErrorReportValve {

    /** Plain strings and numbers only: no need for the application's configured mapper this early. */
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        // A method the resource does not list in Allow (TRACE, which Tomcat never serves) is a 405, whatever
        // else refused it first.
        if (methodNotAllowed(request.getMethod(), response.getHeader("Allow"))) {
            status = 405;
            response.setStatus(status);
        }
        ApiProblem problem = status >= 500
                ? new ApiProblem(status, HttpProblems.title(status), "The request could not be completed.")
                : HttpProblems.forStatus(status, request.getMethod(), request.getDecodedRequestURI());
        try {
            response.setContentType(HttpReplies.PROBLEM_JSON);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot take a body any more: nothing else to tell.
        }
    }

    static boolean methodNotAllowed(String method, String allow) {
        if (method == null || allow == null) {
            return false;
        }
        return Arrays.stream(allow.split(",")).map(String::trim)
                .noneMatch(allowed -> allowed.equals(method.toUpperCase(Locale.ROOT)));
    }

    private static String body(ApiProblem problem) throws JsonProcessingException {
        // The URL is left out: it may be exactly what could not be parsed.
        return JSON.writeValueAsString(ProblemDetails.of(problem, null));
    }
}
