package io.integr8scode.webhooks;

import io.integr8scode.api.ApiProblem;
import io.integr8scode.execution.ExecutionMapper;
import io.integr8scode.execution.HttpSubmission;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Where a callback may go: an absolute http(s) URL without user info whose host is not a forbidden address
 * ({@link ForbiddenAddresses}) unless the allow-list admits it. A literal address is checked when the submission
 * arrives (422); a name is resolved at each delivery, once, and the connection goes to that address
 * ({@link #resolve}), so a name cannot resolve to an allowed address for the check and a forbidden one for the
 * connection.
 */
@Component("callbackTargets")
public class CallbackTargets {

    private static final int MAX_URL_LENGTH = 2048;

    private final ForbiddenAddresses forbidden;

    CallbackTargets(WebhookProperties properties) {
        this.forbidden = new ForbiddenAddresses(properties.allowedTargets());
    }

    /** The fields a submission's callback keeps on its execution ({@code callback: {url, status, attempts}}); null for none. */
    public Map<String, Object> extrasOf(HttpSubmission submission) {
        return extrasOf(submission.callbackUrl(), ExecutionPayload.FORMAT);
    }

    /**
     * The callback fields for a URL whose deliveries take the shape of the {@link CallbackPayload} named
     * {@code format}; null for no URL, 422 for one that may not be called.
     */
    public Map<String, Object> extrasOf(String callbackUrl, String format) {
        if (callbackUrl == null) {
            return null;
        }
        URI url = checked(callbackUrl);
        return Map.of(ExecutionMapper.CALLBACK, CallbackDocuments.pending(url.toString(), format));
    }

    /** {@link #extrasOf(HttpSubmission)} for each submission of a batch, in order. */
    public List<Map<String, Object>> extrasOfEach(List<HttpSubmission> submissions) {
        List<Map<String, Object>> extras = new ArrayList<>();
        for (int index = 0; index < submissions.size(); index++) {
            try {
                extras.add(extrasOf(submissions.get(index)));
            } catch (ApiProblem problem) {
                throw new ApiProblem(problem.status(), problem.title(), "executions[" + index + "]: " + problem.getMessage());
            }
        }
        return extras;
    }

    /** The callback URL if it may be called as far as can be told without resolving it; otherwise 422. */
    URI checked(String callbackUrl) {
        URI url;
        try {
            url = new URI(callbackUrl);
        } catch (URISyntaxException e) {
            throw refused("'callback_url' is not a valid URL: " + e.getReason() + ".");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (callbackUrl.length() > MAX_URL_LENGTH || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null
                || url.getRawUserInfo() != null || url.getRawFragment() != null) {
            throw refused("'callback_url' must be an absolute http or https URL of at most " + MAX_URL_LENGTH
                    + " characters, without user info or fragment.");
        }
        String host = ForbiddenAddresses.bareHost(url.getHost());
        if (ForbiddenAddresses.isLiteral(host) && forbidden.forbids(host, literal(host))) {
            throw refused("'callback_url' points at " + host + ", a loopback, private, link-local or metadata address, "
                    + "which callbacks may not reach.");
        }
        if (!ForbiddenAddresses.isLiteral(host) && forbidden.forbidsName(host)) {
            throw refused("'callback_url' names " + host + ", which callbacks may not reach.");
        }
        return url;
    }

    /** Resolves the callback's host once and returns the address to connect to; refuses (SSRF) a forbidden one. */
    InetAddress resolve(URI url) throws UnknownHostException, ForbiddenTargetException {
        String host = ForbiddenAddresses.bareHost(url.getHost());
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            if (forbidden.forbids(host, address)) {
                throw new ForbiddenTargetException(host + " resolves to " + address.getHostAddress()
                        + ", a loopback, private, link-local or metadata address, which callbacks may not reach");
            }
        }
        return addresses[0];
    }

    private static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw refused("'callback_url' has an invalid address " + host + ".");
        }
    }

    private static ApiProblem refused(String detail) {
        return new ApiProblem(422, "Callback not allowed", detail);
    }

    /** The callback's state as stored: kept in one place so submission, delivery and views agree. */
    static final class CallbackDocuments {

        private static final String FORMAT = "format";

        private CallbackDocuments() {
        }

        /** A callback to deliver; the format is kept only when it is not the platform's own (older documents lack it). */
        static Document pending(String url, String format) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("url", url);
            fields.put("status", "pending");
            fields.put("attempts", 0);
            if (!ExecutionPayload.FORMAT.equals(format)) {
                fields.put(FORMAT, format);
            }
            return new Document(fields);
        }

        static String format(Document callback) {
            return callback.getString(FORMAT) == null ? ExecutionPayload.FORMAT : callback.getString(FORMAT);
        }
    }
}
