package dev.herald.server.stream;

import dev.herald.core.TemplateRegistry;
import dev.herald.server.http.HttpException;
import dev.herald.server.http.SourceAddress;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who may open a stream, decided before anything costly is done for it: a {@link StreamSlot} is taken
 * first (the node's stream limit, then the source address's), and only then are the stream's URI
 * templates counted against their caps and compiled, shared by text ({@link TemplateRegistry}). A
 * refused client costs a few map operations, no compilation. Thread-safe: every event loop admits
 * through one instance; the bookkeeping is behind one lock, taken once or twice per stream opened.
 */
public final class StreamAdmission {

    /**
     * @param maxStreams the most streams of the node (503 beyond: another node may have room)
     * @param maxStreamsPerAddress the most streams of one source address, 0 for no limit (429 beyond)
     * @param maxTemplatesPerStream the most distinct template selectors per stream (400 beyond)
     * @param maxTemplatesPerAddress the most distinct template texts per address, 0 for no limit (429)
     * @param maxTemplates the most distinct template texts of the node, 0 for no limit (503)
     */
    public record Limits(int maxStreams, int maxStreamsPerAddress, int maxTemplatesPerStream, int maxTemplatesPerAddress,
            int maxTemplates) {
        public Limits {
            if (maxStreams < 1 || maxStreamsPerAddress < 0 || maxTemplatesPerStream < 0 || maxTemplatesPerAddress < 0
                    || maxTemplates < 0) {
                throw new IllegalArgumentException("invalid stream limits: " + maxStreams + ", " + maxStreamsPerAddress
                        + ", " + maxTemplatesPerStream + ", " + maxTemplatesPerAddress + ", " + maxTemplates);
            }
        }
    }

    /** What a refused subscriber is told to wait: long enough for streams to end or a node to join. */
    static final int RETRY_AFTER_SECONDS = 5;

    /** What one source address holds now. */
    private static final class AddressUse {
        int streams;
        final Map<String, Integer> templateHolders = new HashMap<>();
    }

    private final Limits limits;
    private final TemplateRegistry templates;
    private final StreamMetrics metrics;
    private final Map<Object, AddressUse> byAddress = new HashMap<>();
    /** Streams holding each distinct template text, whatever their address. */
    private final Map<String, Integer> nodeTemplateHolders = new HashMap<>();
    private int openStreams;

    public StreamAdmission(Limits limits, TemplateRegistry templates, StreamMetrics metrics) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.templates = Objects.requireNonNull(templates, "templates");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Counts the refusal, and returns the exception to throw. */
    HttpException refused(StreamRefusal refusal, HttpException answer) {
        metrics.streamRefused(refusal);
        return answer;
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Takes a stream slot for a client at this address, or refuses: 503 with {@code Retry-After} when
     * the node holds its maximum (a load balancer may try another node: a GET is safe to retry), 429
     * with {@code Retry-After} when this address does (the client's own doing: no other node should be
     * tried on its behalf). The slot must be released: {@link StreamSlot#release}.
     */
    public StreamSlot admit(SocketAddress remote) {
        Object address = keyOf(remote);
        synchronized (this) {
            if (openStreams >= limits.maxStreams()) {
                throw refused(StreamRefusal.NODE_STREAMS, new HttpException(HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "this node already holds its maximum of " + limits.maxStreams()
                        + " streams (--max-streams): retry later or on another node", RETRY_AFTER_SECONDS));
            }
            AddressUse use = byAddress.computeIfAbsent(address, key -> new AddressUse());
            if (limits.maxStreamsPerAddress() > 0 && use.streams >= limits.maxStreamsPerAddress()) {
                throw refused(StreamRefusal.ADDRESS_STREAMS, new HttpException(HttpResponseStatus.TOO_MANY_REQUESTS,
                        "your address already holds its maximum of " + limits.maxStreamsPerAddress()
                        + " streams (--max-streams-per-address): close one first", RETRY_AFTER_SECONDS));
            }
            use.streams++;
            openStreams++;
        }
        return new StreamSlot(this, address, templates);
    }

    /** Streams open now (slots taken and not released). */
    public synchronized int openStreams() {
        return openStreams;
    }

    /** Distinct template texts held by the streams of this address. */
    synchronized int templatesHeldBy(SocketAddress remote) {
        AddressUse use = byAddress.get(keyOf(remote));
        return use == null ? 0 : use.templateHolders.size();
    }

    /**
     * Counts the stream's distinct template texts against its address's cap (429 beyond it), then
     * against the node's (503 beyond it: another node may have room).
     */
    synchronized void holdTemplates(Object address, Collection<String> texts) {
        AddressUse use = byAddress.get(address);
        int added = newTexts(use.templateHolders, texts);
        if (limits.maxTemplatesPerAddress() > 0 && use.templateHolders.size() + added > limits.maxTemplatesPerAddress()) {
            throw refused(StreamRefusal.ADDRESS_TEMPLATES, new HttpException(HttpResponseStatus.TOO_MANY_REQUESTS,
                    "your address's streams already hold " + use.templateHolders.size()
                    + " distinct URI templates; this stream would add " + added + ", beyond the maximum of "
                    + limits.maxTemplatesPerAddress() + " (--max-templates-per-address): close streams first",
                    RETRY_AFTER_SECONDS));
        }
        int addedToNode = newTexts(nodeTemplateHolders, texts);
        if (limits.maxTemplates() > 0 && nodeTemplateHolders.size() + addedToNode > limits.maxTemplates()) {
            throw refused(StreamRefusal.NODE_TEMPLATES, new HttpException(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "this node's streams already hold " + nodeTemplateHolders.size()
                    + " distinct URI templates; this stream would add " + addedToNode + ", beyond the maximum of "
                    + limits.maxTemplates() + " (--max-templates): retry later or on another node",
                    RETRY_AFTER_SECONDS));
        }
        texts.forEach(text -> {
            hold(use.templateHolders, text);
            hold(nodeTemplateHolders, text);
        });
    }

    private static void hold(Map<String, Integer> holders, String text) {
        holders.merge(text, 1, Integer::sum);
    }

    /** One holder fewer; the text is forgotten with its last holder. */
    private static void letGo(Map<String, Integer> holders, String text) {
        holders.computeIfPresent(text, (key, count) -> count == 1 ? null : count - 1);
    }

    /** How many of the texts no stream of {@code holders} holds yet. */
    private static int newTexts(Map<String, Integer> holders, Collection<String> texts) {
        int added = 0;
        for (String text : texts) {
            if (!holders.containsKey(text)) {
                added++;
            }
        }
        return added;
    }

    /** Gives back a stream slot and the template texts counted for it. */
    synchronized void release(Object address, Collection<String> heldTexts) {
        openStreams--;
        AddressUse use = byAddress.get(address);
        heldTexts.forEach(text -> {
            letGo(use.templateHolders, text);
            letGo(nodeTemplateHolders, text);
        });
        if (--use.streams == 0) {
            byAddress.remove(address);
        }
    }

    /** Distinct template texts held by all the node's streams. */
    synchronized int templatesHeld() {
        return nodeTemplateHolders.size();
    }

    /** The per-address key: {@link SourceAddress#networkOf}, or the socket address itself (in-process). */
    private static Object keyOf(SocketAddress remote) {
        InetAddress network = SourceAddress.networkOf(remote);
        if (network != null) {
            return network;
        }
        return remote == null ? "unknown" : remote;
    }
}
