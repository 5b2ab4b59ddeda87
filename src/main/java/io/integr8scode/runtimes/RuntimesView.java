package io.integr8scode.runtimes;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * What scripts run on, as {@code GET /api/v1/runtimes} answers it: the sandbox image, its Python and its curated
 * packages. Read from the image's manifest.json (written by infra/sandbox-image/manifest.py; its other fields, every
 * Python distribution and Debian package, are left out) and written back in the same snake_case.
 *
 * @param image       the image reference, {@code integr8scode-sandbox:<tag>}
 * @param debianSuite the Debian release its packages come from
 * @param python      the interpreter
 * @param packages    the curated packages, in the order the image's definition lists them
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RuntimesView(String image, String debianSuite, Python python,
                           @JsonAlias("curated") List<CuratedPackage> packages) {

    public RuntimesView {
        packages = packages == null ? null : List.copyOf(packages);
    }

    /** The interpreter every script runs with. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Python(String implementation, String version) {
    }

    /**
     * A package scripts can import.
     *
     * @param module        what a script imports ({@code PIL})
     * @param distribution  the Python distribution that provides it ({@code Pillow})
     * @param version       its version
     * @param debianPackage the Debian package it comes from
     * @param debianVersion that package's version
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CuratedPackage(String module, String distribution, String version, String debianPackage,
                                 String debianVersion) {
    }
}
