package io.teatree.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A minimal Server-Sent Events reader for tests: reads events until enough came, then disconnects. */
final class SseClient {

    /** One received event. */
    record Event(long id, String type, String data) {
    }

    /** What one connection saw. */
    record Session(int status, List<Event> events, int comments) {
    }

    private SseClient() {
    }

    /** Connects, reads until {@code count} events came (or {@code comments} heartbeats when count is 0), disconnects. */
    static Session read(URI uri, String key, String lastEventId, int count, int comments) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key)
                .header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<Stream<String>> response = client.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                response.body().close();
                return new Session(response.statusCode(), List.of(), 0);
            }
            return CompletableFuture.supplyAsync(() -> collect(response.body(), count, comments)).get(60, TimeUnit.SECONDS);
        } finally {
            client.shutdownNow();
        }
    }

    private static Session collect(Stream<String> lines, int count, int wantedComments) {
        List<Event> events = new ArrayList<>();
        int comments = 0;
        long id = -1;
        String type = null;
        StringBuilder data = new StringBuilder();
        try (lines) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext() && (count > 0 ? events.size() < count : comments < wantedComments)) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (id >= 0 || !data.isEmpty()) {
                        events.add(new Event(id, type, data.toString()));
                    }
                    id = -1;
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("id:")) {
                    id = Long.parseLong(value(line));
                } else if (line.startsWith("event:")) {
                    type = value(line);
                } else if (line.startsWith("data:")) {
                    data.append(value(line));
                }
            }
        }
        return new Session(200, events, comments);
    }

    private static String value(String line) {
        String v = line.substring(line.indexOf(':') + 1);
        return v.startsWith(" ") ? v.substring(1) : v;
    }
}
