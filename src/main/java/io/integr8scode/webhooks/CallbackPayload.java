package io.integr8scode.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.bson.Document;

/**
 * The shape of one kind of callback delivery: the platform's own signed POST of the execution, or an API that
 * clients already speak (Judge0 PUTs its submission). Chosen by the {@code format} a callback was stored with.
 */
public interface CallbackPayload {

    /** The name stored on the callback; {@link ExecutionPayload#FORMAT} is the platform's own. */
    String format();

    /** The HTTP method the delivery uses. */
    String method();

    /** The JSON body for a finished execution, from its whole stored document. */
    String body(Document execution) throws JsonProcessingException;
}
