package io.teatree.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Just enough of the REST API for whole-system tests, as a client would call it. */
public final class ApiClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String key;

    public ApiClient(String base, String key) {
        this.base = base;
        this.key = key;
    }

    public void registerModel(String model) throws IOException, InterruptedException {
        expect(201, post("/v1/models", Map.of("id", model), Map.of()));
    }

    /** Submits an intent; returns its id. */
    public String submit(String model, String function, Object args, Map<String, String> headers) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/v1/models/" + model + "/intents", Map.of("function", function, "args", args), headers);
        return expect(202, response).get("id").asText();
    }

    /** Submits an intent and waits until it ended; returns its status document. */
    public JsonNode run(String model, String function, Object args) throws IOException, InterruptedException {
        return awaitEnd(submit(model, function, args, Map.of()));
    }

    /** The rows of a query on the model's published version as JSON, or an empty array when it is not answered 200. */
    public JsonNode query(String model, String sql) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/v1/models/" + model + "/query", Map.of("sql", sql), Map.of());
        return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()) : Json.MAPPER.createArrayNode();
    }

    /** Waits (server side) until the intent ended; returns its status document. */
    public JsonNode awaitEnd(String intentId) throws IOException, InterruptedException {
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> response = http.send(request("/v1/intents/" + intentId + "?wait=10s").GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode status = expect(200, response);
            String s = status.get("status").asText();
            if (s.equals("succeeded") || s.equals("failed")) {
                return status;
            }
        }
        throw new AssertionError("intent " + intentId + " did not end within 2 minutes");
    }

    /** GET of any path (metrics, placements: they need the admin key) on {@code url}; the body as text. */
    public String getText(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + key).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + url + " → " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** POST of raw bytes as {@code contentType} to {@code path} with the key; the raw answer, whatever its status. */
    public HttpResponse<String> postBytes(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POST of a JSON body to {@code path} with the key; the raw answer, whatever its status. */
    public HttpResponse<String> post(String path, Object body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body)));
        headers.forEach(builder::header);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key);
    }

    private static JsonNode expect(int status, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.uri() + " → " + response.statusCode() + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }
}
