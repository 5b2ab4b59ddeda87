package io.integr8scode.execution;

import org.apache.camel.Converter;
import org.apache.camel.TypeConverters;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Lets Camel hand an {@link Execution} to a bean that asks for one when the store answered a Document, and
 * store an Execution the route sends to camel-mongodb: the Document stays at the endpoint.
 */
@Component
public class ExecutionConverters implements TypeConverters {

    @Converter
    public Execution toExecution(Document document) {
        return ExecutionMapper.from(document);
    }

    @Converter
    public Document toDocument(Execution execution) {
        return ExecutionMapper.toDocument(execution);
    }
}
