package dev.herald.server;

/**
 * Limits on what one source address, and one stream, may hold: checked when a stream opens, before
 * any of its URI templates is compiled (see {@code StreamAdmission}).
 *
 * @param maxStreamsPerAddress the most streams one source address (an IPv6 /64) holds at once; the next
 *     gets 429 with {@code Retry-After}; 0 for no limit (behind a reverse proxy every client has the
 *     proxy's address)
 * @param maxTemplatesPerStream the most distinct URI-template selectors (selectors with a {@code {})
 *     one stream names, among its {@code maxTopics}; more get 400
 * @param maxTemplatesPerAddress the most distinct URI-template texts held by one address's streams
 *     together; a stream that would add more gets 429 with {@code Retry-After}; 0 for no limit
 * @param maxTemplates the most distinct URI-template texts held by all the node's streams together; a
 *     stream that would add more gets 503 with {@code Retry-After}; 0 for no limit. The per-address cap
 *     alone does not bound the node: a client with many addresses (an IPv6 /48 holds 65,536 /64s) would
 *     multiply it
 */
public record AdmissionOptions(int maxStreamsPerAddress, int maxTemplatesPerStream, int maxTemplatesPerAddress,
        int maxTemplates) {

    /**
     * Room for an office, a campus or a carrier-grade NAT behind one address (browsers hold one stream
     * per open tab), while one host alone cannot take the whole node: each stream costs a file and
     * ~10-30 KB of buffers, so one address holds at most ~30 MB and 1,000 files.
     */
    public static final int DEFAULT_MAX_STREAMS_PER_ADDRESS = 1_000;
    /**
     * A page subscribes to a handful of templates; 32 is room for any real one, and bounds how many
     * compiled templates one stream can make every publish consider.
     */
    public static final int DEFAULT_MAX_TEMPLATES_PER_STREAM = 32;
    /**
     * Users of one application behind one address mostly share their template texts. 256 distinct ones
     * bound what one address makes the hub compile and try: ~0.5 MB of patterns typically (~2 KB each),
     * ~23 MB at the 4,096-character pattern limit, and at most 256 candidates per publish.
     */
    public static final int DEFAULT_MAX_TEMPLATES_PER_ADDRESS = 256;
    /**
     * Distinct templates of the whole node: 20,000 are ~40 MB of compiled patterns at the typical ~2 KB
     * (84 KB of live heap measured per stream of 64 distinct templates), room for an application that
     * names a template per user for thousands of users at once, while a crowd of addresses cannot grow
     * it without end. An application with more raises it.
     */
    public static final int DEFAULT_MAX_TEMPLATES = 20_000;

    public AdmissionOptions {
        requireAtLeast("maxStreamsPerAddress", maxStreamsPerAddress, 0);
        requireAtLeast("maxTemplatesPerStream", maxTemplatesPerStream, 0);
        requireAtLeast("maxTemplatesPerAddress", maxTemplatesPerAddress, 0);
        requireAtLeast("maxTemplates", maxTemplates, 0);
    }

    public static AdmissionOptions defaults() {
        return new AdmissionOptions(DEFAULT_MAX_STREAMS_PER_ADDRESS, DEFAULT_MAX_TEMPLATES_PER_STREAM,
                DEFAULT_MAX_TEMPLATES_PER_ADDRESS, DEFAULT_MAX_TEMPLATES);
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
    }
}
