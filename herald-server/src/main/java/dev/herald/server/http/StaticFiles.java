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
 * The pages Herald serves (the demo), read once from the classpath folder {@code static/} at start and
 * answered from memory.
 */
public final class StaticFiles {

    /** The files of the demo page; {@code index.html} is also served at {@code /}. */
    public static final List<String> DEMO_FILES = List.of("index.html", "demo.js", "demo.css");

    private final Map<String, byte[]> contents = new LinkedHashMap<>();

    public StaticFiles(List<String> names) {
        for (String name : names) {
            contents.put(name, read("static/" + name));
        }
    }

    /** The routes: {@code /name} for every file, {@code /} for index.html. */
    public List<Route> routes() {
        List<Route> routes = new java.util.ArrayList<>();
        for (String name : contents.keySet()) {
            routes.add(Route.get("/" + name, (ctx, request, query) -> ctx.writeAndFlush(response(name))));
        }
        if (contents.containsKey("index.html")) {
            routes.add(Route.get("/", (ctx, request, query) -> ctx.writeAndFlush(response("index.html"))));
        }
        return routes;
    }

    private FullHttpResponse response(String name) {
        FullHttpResponse response = Responses.bytes(HttpResponseStatus.OK, contentType(name), contents.get(name));
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
