package io.integr8scode.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True while no external issuer is configured: then the app signs its own tokens. Setting any of Spring
 * Boot's resource-server key sources hands validation to Boot's own JwtDecoder and turns this off.
 */
class BuiltInIssuerCondition implements Condition {

    private static final String[] EXTERNAL_ISSUER_PROPERTIES = {
        "spring.security.oauth2.resourceserver.jwt.issuer-uri",
        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
        "spring.security.oauth2.resourceserver.jwt.public-key-location",
    };

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return isBuiltIn(context.getEnvironment());
    }

    static boolean isBuiltIn(Environment environment) {
        for (String property : EXTERNAL_ISSUER_PROPERTIES) {
            String value = environment.getProperty(property);
            if (value != null && !value.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
