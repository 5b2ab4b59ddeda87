package io.integr8scode.webhooks;

/** A callback's host resolved to an address callbacks may not reach; the delivery is not retried. */
class ForbiddenTargetException extends Exception {

    ForbiddenTargetException(String message) {
        super(message);
    }
}
