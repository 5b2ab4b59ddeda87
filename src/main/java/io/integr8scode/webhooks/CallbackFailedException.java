package io.integr8scode.webhooks;

/** An attempt to deliver a callback failed (no answer, or not 2xx); the broker redelivers it later. */
public class CallbackFailedException extends Exception {

    CallbackFailedException(String message) {
        super(message, null, false, false);
    }
}
