package io.integr8scode.execution;

import com.mongodb.client.model.Filters;
import io.integr8scode.security.Caller;
import io.integr8scode.security.Callers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.component.mongodb.MongoDbConstants;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Who may see which executions, as MongoDB filters, so ownership is enforced by the query itself: an
 * anonymous execution is readable by anyone who has its id, a user's only by that user, and an admin
 * sees all. Someone else's execution simply is not found (404).
 */
@Component("executionAccess")
public class ExecutionAccess {

    static final int MAX_PAGE_SIZE = 100;
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final int PREVIEW_CHARS = 120;

    private final ExecutionViews views;

    ExecutionAccess(ExecutionViews views) {
        this.views = views;
    }

    public Bson visibleById(@Header("executionId") String executionId, @ExchangeProperty(Callers.PROPERTY) Caller caller) {
        Bson byId = Filters.eq("_id", executionId);
        if (caller.isAdmin()) {
            return byId;
        }
        Bson anonymous = Filters.eq("owner_id", null);
        return Filters.and(byId, caller.isAnonymous() ? anonymous : Filters.or(anonymous, Filters.eq("owner_id", caller.userId())));
    }

    /** The caller's executions (all of them for an admin), newest first, one page: sets the paging headers. */
    public Bson listed(Exchange exchange) {
        Caller caller = exchange.getProperty(Callers.PROPERTY, Caller.class);
        Message message = exchange.getMessage();
        int page = number(message.getHeader("page", String.class), 0, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE, "page");
        int size = number(message.getHeader("size", String.class), DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, "size");
        exchange.setProperty("page", page);
        exchange.setProperty("size", size);
        // camel-mongodb takes the sort as a Document (it cannot convert the driver's Sorts builders).
        message.setHeader(MongoDbConstants.SORT_BY, new Document("created_at", -1).append("_id", -1));
        message.setHeader(MongoDbConstants.NUM_TO_SKIP, page * size);
        message.setHeader(MongoDbConstants.LIMIT, size);
        Bson filter = caller.isAdmin() ? new Document() : Filters.eq("owner_id", caller.userId());
        exchange.setProperty("listFilter", filter);
        return filter;
    }

    /** {items, page, size, total} from the page of documents and the total count. */
    public Map<String, Object> page(@ExchangeProperty("items") List<Document> items, @ExchangeProperty("page") int page,
                                    @ExchangeProperty("size") int size, long total) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items.stream().map(this::summary).toList());
        body.put("page", page);
        body.put("size", size);
        body.put("total", total);
        return body;
    }

    private Map<String, Object> summary(Document execution) {
        Map<String, Object> view = views.summary(execution);
        String script = execution.getString("script");
        view.put("script_preview", script == null || script.length() <= PREVIEW_CHARS ? script : script.substring(0, PREVIEW_CHARS) + "…");
        return view;
    }

    private static int number(String value, int defaultValue, int min, int max, String name) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // Answered below like an out-of-range number.
        }
        throw ApiProblem.badRequest("'" + name + "' must be a whole number between " + min + " and " + max + ".");
    }
}
