package io.teatree.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus (or OpenMetrics) text exposition, as a service's {@code /q/metrics} answers it. */
public final class PrometheusText {

    /** One sample line: {@code name{labels} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String text;
    private final List<Sample> samples;

    private PrometheusText(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    /** GETs {@code <base>/q/metrics} and parses it. */
    public static PrometheusText scrape(URI base) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("/q/metrics answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /** Parses {@code text}; a line that is neither a comment nor a sample is an error. */
    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int exemplar = line.indexOf(" # "); // OpenMetrics exemplars follow " # "
            Matcher m = LINE.matcher((exemplar < 0 ? line : line.substring(0, exemplar)).strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), Map.copyOf(labels), Double.parseDouble(m.group(3))));
        }
        return new PrometheusText(text, List.copyOf(samples));
    }

    /** Every sample of metric {@code name}. */
    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the one unlabelled sample of {@code name}; fails when there is none. */
    public double value(String name) {
        return samples(name).stream().filter(s -> s.labels().isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name)).value();
    }

    /** The value of the one sample of {@code name} whose labels include {@code labels}; empty when there is none. */
    public OptionalDouble find(String name, Map<String, String> labels) {
        List<Sample> matching = samples(name).stream().filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
        if (matching.size() > 1) {
            throw new AssertionError(matching.size() + " samples match " + name + labels + ": " + matching);
        }
        return matching.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(matching.get(0).value());
    }

    /** As {@link #find}, failing when there is no such sample. */
    public double value(String name, Map<String, String> labels) {
        return find(name, labels).orElseThrow(() -> new AssertionError("no sample " + name + labels + " among "
                + samples.stream().map(s -> s.name() + s.labels()).filter(n -> n.startsWith("teatree")).toList()));
    }

    /** The value of the sample of {@code name} with exactly these labels (alternating keys and values), or 0. */
    public double exactly(String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples(name).stream().filter(s -> s.labels().equals(wanted)).mapToDouble(Sample::value).findFirst().orElse(0);
    }

    /** {@code label value -> sample value} of metric {@code name}. */
    public Map<String, Double> byLabel(String name, String label) {
        Map<String, Double> values = new TreeMap<>();
        samples(name).forEach(s -> values.put(s.labels().get(label), s.value()));
        return values;
    }

    /** How many lines the exposition has (series, comments and all). */
    public long lines() {
        return text.lines().count();
    }
}
