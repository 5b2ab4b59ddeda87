package io.integr8scode.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of /actuator/prometheus, read as series: a metric name, its labels and a value. */
record PrometheusScrape(Map<String, Double> series) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+).*$");

    static PrometheusScrape of(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches()) {
                series.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), Double.parseDouble(sample.group(3)));
            }
        }
        return new PrometheusScrape(series);
    }

    /** The sum of the series of this metric that carry every given label ("key=\"value\""); 0 when there is none. */
    double value(String metric, String... labels) {
        return series.entrySet().stream()
                .filter(entry -> entry.getKey().equals(metric) || entry.getKey().startsWith(metric + "{"))
                .filter(entry -> java.util.Arrays.stream(labels).allMatch(label -> entry.getKey().contains(label)))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    boolean has(String metric) {
        return series.keySet().stream().anyMatch(key -> key.equals(metric) || key.startsWith(metric + "{"));
    }
}
