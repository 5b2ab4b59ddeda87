package io.integr8scode.scripts;

import io.integr8scode.api.ApiProblem;
import org.apache.camel.Exchange;
import org.apache.camel.component.mongodb.MongoDbConstants;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** What the store's answers about saved scripts mean for the caller: 404 for none of theirs, 400 for a taken name. */
@Component("scriptProblems")
public class ScriptProblems {

    public static Document found(Exchange exchange) {
        Document script = exchange.getMessage().getBody(Document.class);
        if (script == null) {
            throw notFound(exchange.getMessage().getHeader("scriptId", String.class));
        }
        return script;
    }

    /** Route step after an update or delete: nothing matched means no such script of the caller's. */
    public void requireMatch(Exchange exchange) {
        Long matched = exchange.getMessage().getHeader(MongoDbConstants.RECORDS_MATCHED, Long.class);
        Long deleted = exchange.getMessage().getHeader(MongoDbConstants.RECORDS_AFFECTED, Long.class);
        if ((matched != null ? matched : deleted == null ? 0 : deleted) == 0) {
            throw notFound(exchange.getMessage().getHeader("scriptId", String.class));
        }
    }

    /** Route step when the unique (owner, name) index refused a write. */
    public void nameTaken() {
        throw ApiProblem.badRequest("You already have a script with this name; choose another name.");
    }

    private static ApiProblem notFound(String scriptId) {
        return ApiProblem.notFound("Script not found", "You have no saved script with the id '" + scriptId + "'.");
    }
}
