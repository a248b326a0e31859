package dev.herald.server.support;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Publishes and subscribes the way Mercure publishers and clients do, against a {@link RunningHub}. */
public final class MercureClient {

    public static final String PATH = "/.well-known/mercure";

    private final RunningHub hub;

    public MercureClient(RunningHub hub) {
        this.hub = hub;
    }

    /** Posts form fields (repeatable: each entry is one field) with an optional bearer token. */
    public HttpResponse<String> publish(String token, List<Map.Entry<String, String>> fields) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return hub.request(request.build());
    }

    /** Publishes and returns the id; fails the test on any other answer than 200. */
    public String publishOk(String token, List<Map.Entry<String, String>> fields) {
        HttpResponse<String> response = publish(token, fields);
        if (response.statusCode() != 200) {
            throw new AssertionError("publish answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Subscribes to the topic selectors with the given extra request headers. */
    public SseRecorder subscribe(Map<String, String> headers, String... topics) {
        return SseRecorder.open(hub.client(), hub.uri(PATH + "?" + query(topics)), headers);
    }

    public SseRecorder subscribe(String... topics) {
        return subscribe(Map.of(), topics);
    }

    public static String query(String... topics) {
        StringJoiner query = new StringJoiner("&");
        for (String topic : topics) {
            query.add("topic=" + encode(topic));
        }
        return query.toString();
    }

    public static String form(List<Map.Entry<String, String>> fields) {
        StringJoiner form = new StringJoiner("&");
        fields.forEach(field -> form.add(encode(field.getKey()) + "=" + encode(field.getValue())));
        return form.toString();
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
