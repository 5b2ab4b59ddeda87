package io.integr8scode.api;

/** Which request paths are the API (as opposed to its document, the UI and the actuator). */
final class ApiPaths {

    static final String DOCUMENT_JSON = "/api/v1/openapi.json";
    static final String DOCUMENT_YAML = "/api/v1/openapi.yaml";
    static final String DOCS_PAGE = "/api/v1/docs";

    private ApiPaths() {
    }

    /** The API's operations: everything under /api/ but its document, and the outline's two endpoints. */
    static boolean isOperation(String path) {
        if (path == null) {
            return false;
        }
        if (path.equals(DOCUMENT_JSON) || path.equals(DOCUMENT_YAML) || path.equals(DOCS_PAGE)) {
            return false;
        }
        return path.startsWith("/api/") || path.equals("/execute") || path.startsWith("/result/");
    }
}
