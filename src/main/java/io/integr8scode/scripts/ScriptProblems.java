package io.integr8scode.scripts;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import io.integr8scode.api.ApiProblem;
import org.springframework.stereotype.Component;

/** What the store's answers about saved scripts mean for the caller: 404 for none of theirs, 400 for a taken name. */
@Component("scriptProblems")
public class ScriptProblems {

    /** The script found by an owner-filtered lookup; none is a 404. */
    public SavedScript found(SavedScript script, String scriptId) {
        if (script == null) {
            throw notFound(scriptId);
        }
        return script;
    }

    /** After an update or delete: nothing matched means no such script of the caller's. */
    public void requireMatch(Long matched, String scriptId) {
        if (matched == null || matched == 0) {
            throw notFound(scriptId);
        }
    }

    /**
     * After a write: none failed, or the unique (owner, name) index refused it (400: the name is taken), or the
     * failure goes on to the route's error policy as it is.
     */
    public void checkWrite(Exception writeFailure) throws Exception {
        if (writeFailure == null) {
            return;
        }
        for (Throwable cause = writeFailure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoWriteException refused && refused.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw ApiProblem.badRequest("You already have a script with this name; choose another name.");
            }
        }
        throw writeFailure;
    }

    private static ApiProblem notFound(String scriptId) {
        return ApiProblem.notFound("Script not found", "You have no saved script with the id '" + scriptId + "'.");
    }
}
