package dev.herald.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.core.Hub;
import dev.herald.core.InvalidUpdateException;
import dev.herald.core.Update;
import dev.herald.server.http.HttpException;
import dev.herald.server.http.Responses;
import dev.herald.server.http.Route;
import dev.herald.server.http.StaticFiles;
import dev.herald.server.mercure.ActiveSubscriptions;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The dashboard's routes on the admin listener: the page and its chart library (uPlot, from its
 * WebJar in the jar: no internet needed), the stats stream, the active subscriptions with a filter,
 * and the test publish.
 *
 * <p>The test publish goes straight to the hub without a token, so it is served only when the admin
 * listener is on loopback (the operator's own machine): beyond loopback it answers 403, and the
 * dashboard says so. It takes {@code application/json} only, which a page of another origin cannot
 * send without a CORS preflight that this listener never grants (cross-site request forgery).
 */
public final class DashboardApi {

    public static final String PAGE = "/dashboard";
    /** A page of subscriptions: enough to find one, small enough to send every few seconds. */
    public static final int MAX_LISTED = 100;
    /** A filter is a substring typed by a person; longer is not a filter. */
    static final int MAX_FILTER_CHARS = 200;
    private static final String UPLOT_PROPERTIES = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private final Hub hub;
    private final ActiveSubscriptions subscriptions;
    private final StatsStream stats;
    private final boolean publishAllowed;

    public DashboardApi(Hub hub, ActiveSubscriptions subscriptions, StatsStream stats, boolean publishAllowed) {
        this.hub = hub;
        this.subscriptions = subscriptions;
        this.stats = stats;
        this.publishAllowed = publishAllowed;
    }

    public List<Route> routes() {
        List<Route> routes = new ArrayList<>(new StaticFiles(files()).routes());
        // GET only: a HEAD must not open a stream that never ends.
        routes.add(new Route(PAGE + "/stats", Set.of(HttpMethod.GET), (ctx, request, query) -> stats.open(ctx), false));
        routes.add(Route.get(PAGE + "/subscriptions", this::listSubscriptions));
        routes.add(Route.post(PAGE + "/publish", this::publish));
        return routes;
    }

    private static Map<String, String> files() {
        String uplot = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        Map<String, String> files = new LinkedHashMap<>();
        files.put(PAGE, "static/dashboard.html");
        files.put(PAGE + "/dashboard.js", "static/dashboard.js");
        files.put(PAGE + "/dashboard.css", "static/dashboard.css");
        // Shared with the demo page: colours and fonts, and the choice of language.
        files.put(PAGE + "/theme.css", "static/theme.css");
        files.put(PAGE + "/language.js", "static/language.js");
        files.put(PAGE + "/uPlot.iife.min.js", uplot + "uPlot.iife.min.js");
        files.put(PAGE + "/uPlot.min.css", uplot + "uPlot.min.css");
        return files;
    }

    /** The WebJar's version, from its own Maven properties, so upgrading it is a change to the pom only. */
    private static String uplotVersion() {
        try (InputStream in = DashboardApi.class.getClassLoader().getResourceAsStream(UPLOT_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + UPLOT_PROPERTIES + " (is the jar complete?)");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + UPLOT_PROPERTIES, e);
        }
    }

    private void listSubscriptions(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        String filter = query.parameters().getOrDefault("filter", List.of("")).get(0);
        if (filter.length() > MAX_FILTER_CHARS) {
            throw new HttpException(HttpResponseStatus.BAD_REQUEST, "the filter is longer than " + MAX_FILTER_CHARS
                    + " characters");
        }
        ObjectNode body = Responses.json().createObjectNode().put("enabled", subscriptions.enabled());
        ActiveSubscriptions.Found found = subscriptions.find(filter, MAX_LISTED);
        body.put("matching", found.matching());
        ArrayNode rows = body.putArray("subscriptions");
        found.shown().forEach(entry -> rows.addObject().put("topic", entry.topic()).put("subscriber", entry.subscriber()));
        ctx.writeAndFlush(Responses.json(HttpResponseStatus.OK, body));
    }

    private void publish(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        if (!publishAllowed) {
            throw new HttpException(HttpResponseStatus.FORBIDDEN,
                    "the dashboard publishes only when the admin listener is on loopback");
        }
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new HttpException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "send application/json");
        }
        Update update = update(request.content().toString(StandardCharsets.UTF_8));
        hub.publish(update).whenComplete((stored, failure) -> ctx.writeAndFlush(failure == null
                ? Responses.json(HttpResponseStatus.OK, Responses.json().createObjectNode().put("id", stored.id()))
                : Responses.json(HttpResponseStatus.SERVICE_UNAVAILABLE, Responses.json().createObjectNode()
                        .put("error", "the hub did not take the update: " + failure.getMessage()))));
    }

    private static Update update(String body) {
        JsonNode json;
        try {
            json = Responses.json().readTree(body);
        } catch (IOException e) {
            throw new HttpException(HttpResponseStatus.BAD_REQUEST, "the body is not JSON");
        }
        if (json == null || !json.path("topic").isTextual() || !json.path("data").isTextual()) {
            throw new HttpException(HttpResponseStatus.BAD_REQUEST, "send {\"topic\": \"...\", \"data\": \"...\"}");
        }
        try {
            return Update.of(json.get("topic").asText(), json.get("data").asText());
        } catch (InvalidUpdateException e) {
            throw new HttpException(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
