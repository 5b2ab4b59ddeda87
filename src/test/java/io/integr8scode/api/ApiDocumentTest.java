package io.integr8scode.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document cannot rot: it lists exactly the operations the routes' rest DSL and the Spring MVC
 * controllers serve, every error it names is problem+json, and Swagger UI serves it.
 */
class ApiDocumentTest extends SharedAppTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    /** Rest definitions of the compatibility APIs, documented in docs/compatibility.md. */
    private static final Set<String> COMPATIBILITY_APIS = Set.of("judge0-api", "piston-api");

    @Autowired
    private CamelContext camel;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping controllers;

    @Test
    void listsExactlyTheOperationsOfTheRoutesAndTheControllers() {
        Set<String> served = new TreeSet<>();
        served.addAll(restOperations());
        served.addAll(controllerOperations());

        assertThat(documentedOperations()).isEqualTo(served);
        assertThat(served).contains("POST /api/v1/executions", "GET /api/v1/executions/{id}/events", "POST /api/v1/auth/login",
                "POST /api/v1/scripts/{id}/run");
    }

    /**
     * Every operation's route only hands over to a flow route, which carries the http-errors policy. An
     * operation inlined into its flow route would take that route's id and lose the policy (an empty 500 on
     * any refusal), which is what happened when the rest configuration did not reach every rest file.
     */
    @Test
    void keepsEveryRestOperationInItsOwnRoute() {
        List<String> restRoutes = camel.getRoutes().stream()
                .filter(route -> route.getEndpoint().getEndpointUri().startsWith("rest:"))
                .map(route -> route.getRouteId())
                .toList();

        assertThat(restRoutes).allMatch(id -> id.matches("((judge0|piston)-)?rest-.*"));
        assertThat(restRoutes.stream().filter(id -> id.startsWith("rest-"))).hasSize(restOperations().size());
    }

    @Test
    void describesEveryErrorAsProblemJsonAndEveryBodyWithASchema() {
        JsonNode document = document();
        List<String> faults = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            JsonNode responses = operation.getValue().path("responses");
            for (String always : List.of("401", "503")) {
                if (!responses.has(always)) {
                    faults.add(name + " does not document " + always);
                }
            }
            responses.fields().forEachRemaining(response -> {
                JsonNode resolved = resolve(document, response.getValue());
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    if (!resolved.path("content").has("application/problem+json")) {
                        faults.add(name + " " + response.getKey() + " is not problem+json");
                    }
                }
            });
            JsonNode body = operation.getValue().path("requestBody");
            if (!body.isMissingNode() && body.path("content").path("application/json").path("schema").isMissingNode()) {
                faults.add(name + " has a body without a schema");
            }
        }));

        assertThat(faults).isEmpty();
    }

    @Test
    void servesTheDocumentAsJsonAndYamlAndSwaggerUiOverIt() {
        HttpResponse<String> yaml = get("/api/v1/openapi.yaml");
        HttpResponse<String> docs = get("/api/v1/docs");

        assertThat(document().path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).contains("openapi: 3.1.0");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/openapi.json");
        String bundle = docs.body().replaceAll("(?s).*src=\"([^\"]+swagger-ui-bundle\\.js)\".*", "$1");
        assertThat(get(bundle).statusCode()).as(bundle).isEqualTo(200);
    }

    private JsonNode document() {
        HttpResponse<String> response = get("/api/v1/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response.body());
    }

    private Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        document().path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (HTTP_METHODS.contains(method)) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    /**
     * This document's rest operations: the Judge0- and Piston-compatible APIs answer in their upstream projects'
     * shapes (not problem+json) and are described in docs/compatibility.md instead.
     */
    private Set<String> restOperations() {
        Set<String> operations = new TreeSet<>();
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            if (COMPATIBILITY_APIS.contains(rest.getId())) {
                continue;
            }
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = (rest.getPath() == null ? "" : rest.getPath()) + (verb.getPath() == null ? "" : verb.getPath());
                operations.add(verb.asVerb().toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        return operations;
    }

    /** The controllers' API operations (Spring Boot's own error page and this document's endpoints left out). */
    private Set<String> controllerOperations() {
        Set<String> operations = new TreeSet<>();
        for (RequestMappingInfo mapping : controllers.getHandlerMethods().keySet()) {
            for (String pattern : mapping.getPatternValues()) {
                if (!ApiPaths.isOperation(pattern)) {
                    continue;
                }
                for (RequestMethod method : mapping.getMethodsCondition().getMethods()) {
                    operations.add(method.name() + " " + pattern);
                }
            }
        }
        return operations;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        String ref = node.path("$ref").asText(null);
        if (ref == null) {
            return node;
        }
        JsonNode target = document;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }
}
