package io.integr8scode.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Until Camel has started the routes, API requests get 503 problem+json with Retry-After; nothing else is held. */
class StartupGateTest {

    private final StartupGate gate = new StartupGate(new ProblemWriter(new ObjectMapper()));

    @Test
    void answersApiRequests503UntilCamelHasStarted() throws Exception {
        for (String path : new String[] {"/api/v1/executions", "/api/v1/scripts/x/run", "/execute", "/result/x", "/api/v1/auth/login"}) {
            MockHttpServletResponse response = send(path);

            assertThat(response.getStatus()).as(path).isEqualTo(503);
            assertThat(response.getContentType()).isEqualTo("application/problem+json");
            assertThat(response.getHeader("Retry-After")).isEqualTo("5");
            assertThat(new ObjectMapper().readTree(response.getContentAsString()).path("title").asText()).isEqualTo("Starting");
        }
    }

    @Test
    void holdsBackRequestsWhileCamelIsStillStarting() throws Exception {
        CamelContext starting = mock(CamelContext.class);
        when(starting.isStarted()).thenReturn(false);
        gate.beforeApplicationStart(starting);

        assertThat(send("/api/v1/executions").getStatus()).isEqualTo(503);
    }

    @Test
    void letsEverythingThroughOnceCamelHasStarted() throws Exception {
        CamelContext started = mock(CamelContext.class);
        when(started.isStarted()).thenReturn(true);
        gate.afterApplicationStart(started);

        MockFilterChain chain = new MockFilterChain();
        gate.doFilter(new MockHttpServletRequest("POST", "/api/v1/executions"), new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void neverHoldsTheDocumentTheUiOrTheActuator() throws Exception {
        for (String path : new String[] {"/api/v1/openapi.json", "/api/v1/docs", "/actuator/health/readiness", "/", "/index.html"}) {
            MockFilterChain chain = new MockFilterChain();
            gate.doFilter(new MockHttpServletRequest("GET", path), new MockHttpServletResponse(), chain);

            assertThat(chain.getRequest()).as(path).isNotNull();
        }
    }

    private MockHttpServletResponse send(String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        gate.doFilter(new MockHttpServletRequest("POST", path), response, chain);
        assertThat(chain.getRequest()).as("passed on").isNull();
        return response;
    }
}
