package dev.herald.server.stream;

/** Which limit refused a subscription before its stream opened: a label of the refusals metric. */
public enum StreamRefusal {
    /** {@code --max-streams}: 503. */
    NODE_STREAMS,
    /** {@code --max-streams-per-address}: 429. */
    ADDRESS_STREAMS,
    /** {@code --max-templates-per-stream}: 400. */
    STREAM_TEMPLATES,
    /** {@code --max-templates-per-address}: 429. */
    ADDRESS_TEMPLATES,
    /** {@code --max-templates}: 503. */
    NODE_TEMPLATES,
    /** {@code --max-replays}: 503. */
    REPLAYS
}
