package io.integr8scode.scripts;

import org.apache.camel.Converter;
import org.apache.camel.TypeConverters;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Camel converts between the store's Document and {@link SavedScript} at the camel-mongodb endpoint. */
@Component
public class SavedScriptConverters implements TypeConverters {

    @Converter
    public SavedScript toSavedScript(Document document) {
        return SavedScriptMapper.from(document);
    }

    @Converter
    public Document toDocument(SavedScript script) {
        return SavedScriptMapper.toDocument(script);
    }
}
