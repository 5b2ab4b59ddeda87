package io.integr8scode.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.Yaml;

/**
 * The API's OpenAPI document, written by hand in {@code api/openapi.yaml} and served as JSON and YAML, and
 * Swagger UI over it (its files from the swagger-ui webjar, which Spring Boot serves under /webjars/).
 */
@RestController
class ApiDocument {

    private static final String DOCUMENT = "api/openapi.yaml";
    private static final String DOCS_PAGE = "api/docs.html";
    private static final String SWAGGER_UI_VERSION = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private final String yaml;
    private final String json;
    private final String docsPage;

    ApiDocument(ObjectMapper mapper) throws JsonProcessingException {
        this.yaml = read(DOCUMENT);
        Map<String, Object> document = new Yaml().load(yaml);
        this.json = mapper.writeValueAsString(document);
        this.docsPage = read(DOCS_PAGE).replace("{{swaggerUiVersion}}", swaggerUiVersion());
    }

    @GetMapping(path = ApiPaths.DOCUMENT_JSON, produces = MediaType.APPLICATION_JSON_VALUE)
    String json() {
        return json;
    }

    @GetMapping(path = ApiPaths.DOCUMENT_YAML, produces = "application/yaml")
    ResponseEntity<String> yaml() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml;charset=UTF-8")).body(yaml);
    }

    @GetMapping(path = ApiPaths.DOCS_PAGE, produces = MediaType.TEXT_HTML_VALUE)
    String docs() {
        return docsPage;
    }

    private static String read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Missing resource " + resource, e);
        }
    }

    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in = new ClassPathResource(SWAGGER_UI_VERSION).getInputStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The swagger-ui webjar is not on the class path", e);
        }
        return properties.getProperty("version");
    }
}
