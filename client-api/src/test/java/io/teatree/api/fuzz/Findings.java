package io.teatree.api.fuzz;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a run saw: answers by status, and the distinct failures (by endpoint, status and what was wrong), each with
 * the first request that showed it and how often it happened. Thread-safe.
 */
public final class Findings {

    /** One kind of failure and the first request that showed it. */
    public record Failure(String key, String request, String answer, LongAdder count) {
    }

    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder stalled = new LongAdder();

    private final LongAdder unsendable = new LongAdder();

    /** A generated request {@code java.net.http} refuses to send (not a valid URI or header); not counted as sent. */
    void unsendable() {
        unsendable.increment();
    }

    public long unsendableCount() {
        return unsendable.sum();
    }

    void retried() {
        retried.increment();
    }

    /** A request that got no answer within the timeout on a kept-alive connection and was sent again on a fresh one. */
    void stalled() {
        stalled.increment();
    }

    public long stalledCount() {
        return stalled.sum();
    }

    void answered(int status) {
        sent.increment();
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    /** A request that got no answer (timeout, connection lost): status 0. */
    void unanswered() {
        answered(0);
    }

    void fail(FuzzRequest request, int status, String what, String answer) {
        String key = request.operation().endpoint() + " -> " + (status == 0 ? "no answer" : status) + ": " + what;
        failures.computeIfAbsent(key, k -> new Failure(k, request.describe(), answer, new LongAdder())).count().increment();
    }

    public long sent() {
        return sent.sum();
    }

    public List<Failure> failures() {
        return failures.values().stream().sorted(Comparator.comparing(Failure::key)).toList();
    }

    /** Answers by status class ({@code 2xx}, …; {@code none} for no answer). */
    public Map<String, Long> byClass() {
        Map<String, Long> out = new TreeMap<>();
        statuses.forEach((status, n) -> out.merge(status == 0 ? "none" : status / 100 + "xx", n.sum(), Long::sum));
        return out;
    }

    public Map<Integer, Long> byStatus() {
        Map<Integer, Long> out = new TreeMap<>();
        statuses.forEach((status, n) -> out.put(status, n.sum()));
        return out;
    }

    public String report() {
        StringBuilder out = new StringBuilder();
        out.append("requests: ").append(sent()).append("; by class ").append(byClass()).append("; by status ").append(byStatus())
                .append("; sent again after a lost connection: ").append(retried.sum())
                .append("; sent again on a fresh connection after no answer within the timeout: ").append(stalled.sum())
                .append("; not sendable: ").append(unsendable.sum()).append('\n');
        out.append("distinct failures: ").append(failures.size()).append('\n');
        for (Failure f : failures()) {
            out.append("\n== ").append(f.key()).append(" (x").append(f.count().sum()).append(")\n").append(f.request())
                    .append("\n  answer: ").append(f.answer()).append('\n');
        }
        return out.toString();
    }
}
