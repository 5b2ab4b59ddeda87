package io.integr8scode.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The limits a submission asked for, as given: a field left out is null (the default applies). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestedLimits(Integer timeoutSeconds, Integer memoryMb, Integer cpuMillicores) {
}
