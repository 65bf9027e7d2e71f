package io.teatree.dispatcher.e2e;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Turns a request recorded by the mock API server into the RBAC triple {@code group/resource:verb}. */
final class ApiCalls {

    private ApiCalls() {
    }

    static Optional<String> rbac(RecordedRequest request) {
        String path = request.getPath();
        String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
        List<String> parts = Arrays.asList(path.split("\\?")[0].replaceAll("^/", "").split("/"));
        String group;
        int rest;
        if (parts.get(0).equals("api")) {
            group = "";
            rest = 2;
        } else if (parts.get(0).equals("apis") && parts.size() > 3) {
            group = parts.get(1);
            rest = 3;
        } else {
            return Optional.empty();
        }
        if (parts.size() <= rest + 2 || !parts.get(rest).equals("namespaces")) {
            return Optional.empty();
        }
        String resource = parts.get(rest + 2);
        boolean named = parts.size() > rest + 3;
        if (parts.size() > rest + 4) {
            resource = resource + "/" + parts.get(rest + 4);
        }
        String verb = switch (request.getMethod()) {
            case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> request.getMethod().toLowerCase(java.util.Locale.ROOT);
        };
        return Optional.of(group + "/" + resource + ":" + verb);
    }
}
