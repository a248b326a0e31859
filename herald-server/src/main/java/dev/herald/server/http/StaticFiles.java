package dev.herald.server.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages Herald serves (the demo, the dashboard and its chart library), read once from the
 * classpath at start and answered from memory.
 */
public final class StaticFiles {

    /** The files of the demo page; {@code index.html} is also served at {@code /}. */
    public static final List<String> DEMO_FILES = List.of("index.html", "demo.js", "demo.css", "theme.css", "language.js");

    /** Contents by the path that serves them. */
    private final Map<String, byte[]> contents = new LinkedHashMap<>();
    /** Content types by path, from the resources' names. */
    private final Map<String, String> types = new LinkedHashMap<>();

    /** The files of the classpath folder {@code static/}, each at {@code /name}, and index.html at {@code /}. */
    public StaticFiles(List<String> names) {
        this(byPath(names));
    }

    /** Each classpath resource (the value) at its path (the key). */
    public StaticFiles(Map<String, String> resourcesByPath) {
        resourcesByPath.forEach((path, resource) -> {
            contents.put(path, read(resource));
            types.put(path, contentType(resource));
        });
    }

    private static Map<String, String> byPath(List<String> names) {
        Map<String, String> byPath = new LinkedHashMap<>();
        for (String name : names) {
            byPath.put("/" + name, "static/" + name);
        }
        if (names.contains("index.html")) {
            byPath.put("/", "static/index.html");
        }
        return byPath;
    }

    /** A route for every path. */
    public List<Route> routes() {
        List<Route> routes = new java.util.ArrayList<>();
        for (String path : contents.keySet()) {
            routes.add(Route.get(path, (ctx, request, query) -> ctx.writeAndFlush(response(path))));
        }
        return routes;
    }

    private FullHttpResponse response(String path) {
        FullHttpResponse response = Responses.bytes(HttpResponseStatus.OK, types.get(path), contents.get(path));
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        return response;
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " (is the jar complete?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }
}
