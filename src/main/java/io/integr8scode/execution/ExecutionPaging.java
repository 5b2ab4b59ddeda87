package io.integr8scode.execution;

import io.integr8scode.api.ApiProblem;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Paging of the execution listing: the page asked for, the order, and the page answered. */
@Component("executionPaging")
public class ExecutionPaging {

    static final int MAX_PAGE_SIZE = 100;
    private static final int DEFAULT_PAGE_SIZE = 20;

    private final ExecutionViews views;

    ExecutionPaging(ExecutionViews views) {
        this.views = views;
    }

    /** The {@code page} query parameter: from 0, default 0. */
    public int page(String page) {
        return number(page, 0, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE, "page");
    }

    /** The {@code size} query parameter: 1 to 100, default 20. */
    public int size(String size) {
        return number(size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, "size");
    }

    public int skip(int page, int size) {
        return page * size;
    }

    /** Newest first; camel-mongodb takes the sort as a Document (it cannot convert the driver's Sorts builders). */
    public Document newestFirst() {
        return new Document("created_at", -1).append("_id", -1);
    }

    /** {items, page, size, total} from the page of documents and the total count. */
    public ExecutionViews.Page pageOf(List<Document> items, int page, int size, long total) {
        return views.page(items, page, size, total);
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
