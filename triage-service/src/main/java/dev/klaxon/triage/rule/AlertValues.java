package dev.klaxon.triage.rule;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.klaxon.events.NormalizedAlert;

/**
 * The numbers an alert carries, by name, for value conditions: the sender's own values (Grafana {@code values}),
 * labels and annotations that read as numbers ("12%", "5300"), and the figures the runbooks' tables are written
 * in when they appear in the title or description: "error rate 12%" → {@code error_rate}, "p95 latency 3s" or
 * "3000ms" → {@code p95_latency_ms}, "CPU 97%" → {@code cpu_percent}, "memory 96%" → {@code memory_percent}.
 */
public final class AlertValues {

    private static final Pattern NUMBER = Pattern.compile("\\s*(-?\\d+(?:\\.\\d+)?)\\s*%?\\s*");
    private static final Pattern ERROR_RATE = Pattern.compile(
            "error[ _-]?rate\\D{0,20}?(\\d+(?:\\.\\d+)?)\\s*%", Pattern.CASE_INSENSITIVE);
    private static final Pattern LATENCY = Pattern.compile(
            "p95[ _-]?latency\\D{0,20}?(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|seconds?)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern USAGE = Pattern.compile(
            "\\b(cpu|memory|mem)\\b\\D{0,20}?(\\d+(?:\\.\\d+)?)\\s*%", Pattern.CASE_INSENSITIVE);

    private AlertValues() {
    }

    public static Map<String, Double> of(NormalizedAlert alert) {
        Map<String, Double> out = new LinkedHashMap<>();
        String text = (alert.title() == null ? "" : alert.title()) + "\n"
                + (alert.description() == null ? "" : alert.description());
        Matcher m = ERROR_RATE.matcher(text);
        if (m.find()) {
            out.put("error_rate", Double.parseDouble(m.group(1)));
        }
        m = LATENCY.matcher(text);
        if (m.find()) {
            double v = Double.parseDouble(m.group(1));
            out.put("p95_latency_ms", m.group(2).equalsIgnoreCase("ms") ? v : v * 1000);
        }
        m = USAGE.matcher(text);
        while (m.find()) {
            String what = m.group(1).toLowerCase(Locale.ROOT).startsWith("mem") ? "memory_percent" : "cpu_percent";
            out.putIfAbsent(what, Double.parseDouble(m.group(2)));
        }
        numeric(alert.annotations(), out);
        numeric(alert.labels(), out);
        out.putAll(alert.values());
        return out;
    }

    private static void numeric(Map<String, String> source, Map<String, Double> out) {
        source.forEach((k, v) -> {
            Matcher n = NUMBER.matcher(v == null ? "" : v);
            if (n.matches()) {
                out.put(k, Double.parseDouble(n.group(1)));
            }
        });
    }
}
