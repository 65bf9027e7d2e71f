package io.teatree.api.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends {@code count} generated requests to the API from a few virtual threads over one keep-alive HTTP/1.1
 * client and checks every answer ({@link AnswerCheck}). An answer's body is read up to {@value #READ_LIMIT} bytes;
 * event streams are closed once their headers are in.
 */
public final class Fuzzer {

    private static final int READ_LIMIT = 1 << 20;

    private final URI base;
    private final RequestFactory factory;
    private final int threads;
    private final Duration timeout;
    private final HttpClient client;

    public Fuzzer(URI base, RequestFactory factory, int threads, Duration timeout) {
        this.base = base;
        this.factory = factory;
        this.threads = threads;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Findings run(long count) throws InterruptedException {
        Findings findings = new Findings();
        AtomicLong next = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(Thread.ofVirtual().name("fuzz-" + i).start(() -> {
                for (long n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    FuzzRequest request;
                    try {
                        request = factory.create(n);
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("the generator failed on request #" + n, e);
                    }
                    send(request, findings);
                    if ((n + 1) % 10_000 == 0) {
                        System.out.println("REST fuzz progress: " + (n + 1) + " generated; by status " + findings.byStatus()
                                + "; distinct failures " + findings.failures().size());
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return findings;
    }

    /** Sends one request and records its answer; public so a failure can be replayed alone. */
    public void send(FuzzRequest request, Findings findings) {
        HttpRequest http;
        try {
            http = toHttp(request);
        } catch (IllegalArgumentException e) {
            // a header value the client refuses to send (control characters): sent without it instead
            try {
                http = toHttp(new FuzzRequest(request.number(), request.operation(), request.method(), request.target(),
                        request.headers().stream().filter(h -> valid(h.getValue())).toList(), request.body(), request.mutation()));
            } catch (IllegalArgumentException stillInvalid) {
                findings.unsendable();
                return;
            }
        }
        HttpClient fresh = null;
        try {
            HttpResponse<InputStream> response;
            try {
                response = client.send(http, HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                // no answer on the kept-alive connection: the same request once more on a fresh connection tells a
                // stalled connection (counted and reported) from a request the server does not answer (a failure)
                findings.stalled();
                fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                        .followRedirects(HttpClient.Redirect.NEVER).build();
                response = fresh.send(http, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                // a kept-alive connection the server had closed after its previous answer: once more, on a fresh one
                findings.retried();
                response = client.send(http, HttpResponse.BodyHandlers.ofInputStream());
            }
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            byte[] body;
            try (InputStream in = response.body()) {
                body = contentType != null && contentType.startsWith("text/event-stream") ? new byte[0] : in.readNBytes(READ_LIMIT);
            }
            int status = response.statusCode();
            findings.answered(status);
            AnswerCheck.check(request.method(), status, contentType, body)
                    .ifPresent(what -> findings.fail(request, status, what, AnswerCheck.excerpt(contentType, body)));
        } catch (IOException e) {
            findings.unanswered();
            findings.fail(request, 0, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (fresh != null) {
                fresh.close();
            }
        }
    }

    private HttpRequest toHttp(FuzzRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.target().substring(1))).timeout(timeout)
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (Map.Entry<String, String> h : request.headers()) {
            builder.header(h.getKey(), h.getValue());
        }
        return builder.build();
    }

    private static boolean valid(String value) {
        return value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c < 0x7f);
    }
}
