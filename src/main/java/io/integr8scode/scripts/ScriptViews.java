package io.integr8scode.scripts;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The API's JSON shapes of saved scripts. */
@Component("scriptViews")
public class ScriptViews {

    public Map<String, Object> one(Exchange exchange) {
        return view(ScriptProblems.found(exchange));
    }

    public Map<String, Object> list(List<Document> scripts) {
        return Map.of("items", scripts.stream().map(ScriptViews::view).toList());
    }

    private static Map<String, Object> view(Document script) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("script_id", script.getString("script_id"));
        view.put("name", script.getString("name"));
        view.put("script", script.getString("script"));
        view.put("stdin", script.getString("stdin"));
        view.put("limits", script.get("limits", Document.class));
        view.put("created_at", iso(script.getDate("created_at")));
        view.put("updated_at", iso(script.getDate("updated_at")));
        return view;
    }

    private static String iso(Date date) {
        return date == null ? null : date.toInstant().toString();
    }
}
