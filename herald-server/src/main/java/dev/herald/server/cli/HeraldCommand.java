package dev.herald.server.cli;

import dev.herald.core.auth.JwtAlgorithm;
import dev.herald.core.auth.JwtKey;
import dev.herald.server.AdminListen;
import dev.herald.server.ConnectionOptions;
import dev.herald.server.HeraldServer;
import dev.herald.server.HistoryOptions;
import dev.herald.store.Durability;
import dev.herald.server.SecurityOptions;
import dev.herald.server.TlsOptions;
import dev.herald.server.ServerOptions;
import dev.herald.server.SubscriptionsOptions;
import dev.herald.server.StartupException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code herald}: starts a hub. Every option also reads a {@code HERALD_*} environment variable. */
@Command(name = "herald", mixinStandardHelpOptions = true, version = "Herald 0.1.0",
        sortOptions = false, usageHelpWidth = 120,
        description = "A real-time push hub: Server-Sent Events and the Mercure protocol.%n"
                + "Every option can also be set as an environment variable: --max-body-bytes is HERALD_MAX_BODY_BYTES.%n"
                + "Command-line flags win over environment variables.%n"
                + "With a command first, herald is a client instead: herald token|publish|subscribe --help.%n")
public final class HeraldCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServerOptions.DEFAULT_HOST,
            description = "Address to listen on. Without publisher keys only loopback addresses are allowed. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerOptions.DEFAULT_PORT,
            description = "TCP port to listen on (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--admin-listen", paramLabel = "HOST:PORT", defaultValue = "",
            description = "Serve /metrics, /healthz, /readyz and the live /dashboard on an address of their own "
                    + "(a bare PORT means 127.0.0.1:PORT); /metrics then leaves the public port. Nothing there asks "
                    + "for a token: give an address beyond loopback only behind a firewall. Default: none "
                    + "(/metrics, /healthz and /readyz on the public port, no dashboard).")
    String adminListen;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain: serve HTTPS, with HTTP/2 by ALPN (needs --tls-key). Default: none "
                    + "(plain HTTP/1.1 and h2c).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "PEM (PKCS#8) private key of --tls-cert. Default: none.")
    Path tlsKey;

    @Option(names = "--tls-self-signed", defaultValue = "false",
            description = "Serve HTTPS with a certificate generated at start, for local use only. Default: ${DEFAULT-VALUE}.")
    boolean tlsSelfSigned;

    @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "15s", converter = Units.DurationConverter.class,
            description = "Write a comment to a stream idle this long, so proxies keep it open. Default: ${DEFAULT-VALUE}.")
    Duration heartbeat;

    @Option(names = "--transport", paramLabel = "KIND", defaultValue = "store",
            description = "Where history is kept: store (durable, in --data-dir), memory (lost on restart), or redis "
                    + "(shared by every node on --redis-url: a cluster). Default: ${DEFAULT-VALUE}.")
    HistoryOptions.TransportKind transport;

    @Option(names = "--redis-url", paramLabel = "URI", defaultValue = HistoryOptions.DEFAULT_REDIS_URI,
            description = "The Redis of --transport redis: redis://host:6379 (rediss:// for TLS), a Sentinel as "
                    + "redis-sentinel://host:26379#master, or a Redis Cluster as redis-cluster://host1:7000,host2:7001 "
                    + "(keys then {PREFIX}:...). Default: ${DEFAULT-VALUE}.")
    String redisUrl;

    @Option(names = "--redis-prefix", paramLabel = "PREFIX", defaultValue = HistoryOptions.DEFAULT_REDIS_KEY_PREFIX,
            description = "Key prefix in Redis: the nodes sharing it are one hub. Default: ${DEFAULT-VALUE}.")
    String redisPrefix;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "The store's directory; one hub per directory. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--fsync", paramLabel = "MODE", defaultValue = "always",
            description = "When a publish is acknowledged: always (after an fsync: survives power loss) or batch "
                    + "(after the commit: survives a crash of Herald, not of the machine). Default: ${DEFAULT-VALUE}.")
    Durability fsync;

    @Option(names = "--history-size", paramLabel = "COUNT",
            description = "Most updates kept for clients that reconnect with Last-Event-ID. "
                    + "Default: 1000000 in the store, 10000 in memory.")
    Long historySize;

    @Option(names = "--history-max-age", paramLabel = "DURATION", defaultValue = "7d",
            converter = Units.DurationConverter.class,
            description = "Updates older than this are dropped from the store. Default: ${DEFAULT-VALUE}.")
    Duration historyMaxAge;

    @Option(names = "--max-body-bytes", paramLabel = "SIZE", defaultValue = "1MiB", converter = Units.SizeConverter.class,
            description = "Largest request body; larger gets 413. Default: ${DEFAULT-VALUE}.")
    int maxBodyBytes;

    @Option(names = "--max-header-bytes", paramLabel = "SIZE", defaultValue = "16KiB", converter = Units.SizeConverter.class,
            description = "Largest request header block; larger gets 431. Default: ${DEFAULT-VALUE}.")
    int maxHeaderBytes;

    @Option(names = "--max-pending-bytes", paramLabel = "SIZE", defaultValue = "256KiB", converter = Units.SizeConverter.class,
            description = "Bytes that may wait for one slow subscriber before it is disconnected (it reconnects and "
                    + "replays what it missed). Default: ${DEFAULT-VALUE}.")
    int maxPendingBytes;

    @Option(names = "--max-topics", paramLabel = "COUNT", defaultValue = "" + ServerOptions.DEFAULT_MAX_TOPICS,
            description = "Most topics one subscription or update may name; more gets 400. Default: ${DEFAULT-VALUE}.")
    int maxTopics;

    @Option(names = "--max-streams", paramLabel = "COUNT", defaultValue = "0",
            description = "Most SSE streams this node holds at once; further subscriptions get 503 so that "
                    + "publishers and health checks still find a free file. 0: the open-files limit (ulimit -n) less "
                    + ServerOptions.RESERVED_FILES + ". Default: ${DEFAULT-VALUE}.")
    int maxStreams;

    @Mixin
    AdmissionArgs admission;

    @Option(names = "--max-connection-lifetime", paramLabel = "DURATION", defaultValue = "1h",
            converter = Units.DurationConverter.class,
            description = "Close each stream after 80-100 %% of this (clients reconnect and resume); 0 keeps "
                    + "streams open until their token expires. Default: ${DEFAULT-VALUE}.")
    Duration maxConnectionLifetime;

    @Mixin
    ReplayArgs replay;

    @Mixin
    IdempotencyArgs idempotency;

    // Connections: timeouts and limits (slow, silent and numerous clients).
    @Option(names = "--header-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Units.DurationConverter.class,
            description = "A request head must arrive completely within this of its first byte, else the connection "
                    + "is closed (slowloris). Default: ${DEFAULT-VALUE}.")
    Duration headerTimeout;

    @Option(names = "--body-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = Units.DurationConverter.class,
            description = "A request body must arrive completely within this of its head, else 408 and close. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration bodyTimeout;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = Units.DurationConverter.class,
            description = "Close a keep-alive connection (not a stream) without a request in flight, or an HTTP/2 "
                    + "connection without an open stream, after this. Default: ${DEFAULT-VALUE}.")
    Duration idleTimeout;

    @Option(names = "--max-connections", paramLabel = "COUNT", defaultValue = "0",
            description = "Most client connections this node holds; further ones are closed at accept. 0: the "
                    + "open-files limit (ulimit -n) less " + ConnectionOptions.RESERVED_FILES + " (streams stop "
                    + ServerOptions.RESERVED_FILES + " below it, leaving room for publishers and health checks). "
                    + "Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--max-connections-per-address", paramLabel = "COUNT",
            defaultValue = "" + ConnectionOptions.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
            description = "Most connections one client address (an IPv6 /64) holds; further ones are closed at "
                    + "accept. Behind a reverse proxy every client has the proxy's address: raise it or set 0 (no "
                    + "limit). Default: ${DEFAULT-VALUE}.")
    int maxConnectionsPerAddress;

    @Option(names = "--demo-topic", paramLabel = "TOPIC", defaultValue = ServerOptions.DEFAULT_DEMO_TOPIC,
            description = "Topic behind the demo API (/send, /stream) and page. Default: ${DEFAULT-VALUE}.")
    String demoTopic;

    @Mixin
    ReadinessArgs readiness;

    @Option(names = "--jwt-key", paramLabel = "KEY", defaultValue = "",
            description = "Key checking both publishers' and subscribers' tokens: the HS256 secret, or the PEM "
                    + "public key for RS256/ES256/EdDSA; @path reads it from a file. Default: none.")
    String jwtKey;

    @Option(names = "--publisher-jwt-key", paramLabel = "KEY", defaultValue = "",
            description = "Key checking publishers' tokens (wins over --jwt-key). Without any publisher key, "
                    + "publishing is anonymous and the hub listens on loopback only. Default: none.")
    String publisherJwtKey;

    @Option(names = "--subscriber-jwt-key", paramLabel = "KEY", defaultValue = "",
            description = "Key checking subscribers' tokens (wins over --jwt-key). Without it, every subscriber "
                    + "is anonymous and receives public updates only. Default: none.")
    String subscriberJwtKey;

    @Option(names = "--jwt-algorithm", paramLabel = "ALG", defaultValue = "HS256",
            description = "Algorithm of the keys: ${COMPLETION-CANDIDATES}. Tokens signed otherwise are refused. "
                    + "Default: ${DEFAULT-VALUE}.")
    JwtAlgorithm jwtAlgorithm;

    @Mixin
    AccessTokenArgs accessTokens;

    @Option(names = "--anonymous", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Serve subscribers without a token (public updates only); --no-anonymous answers "
                    + "them 401. Default: ${DEFAULT-VALUE}.")
    boolean anonymous;

    @Option(names = "--cors-origins", paramLabel = "ORIGINS", defaultValue = "", split = ",",
            description = "Web origins allowed to call the hub from a browser, with credentials (comma-separated; "
                    + "* for any origin, without credentials). Default: none (same origin only).")
    List<String> corsOrigins;

    @Option(names = "--publish-origins", paramLabel = "ORIGINS", defaultValue = "", split = ",",
            description = "Origins from which a publish authorized by a cookie (mercureAuthorization, "
                    + "__Secure-mercure_access_token) is accepted "
                    + "(CSRF protection; * for any). Without a publisher key, also the origins besides the hub's own "
                    + "from which a browser may publish. Default: none.")
    List<String> publishOrigins;

    @Option(names = "--subscriptions", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Announce subscriptions as private, live-only updates (never stored) and serve the "
                    + "subscriptions API. Default: ${DEFAULT-VALUE}.")
    boolean subscriptions;

    @Option(names = "--subscriptions-anonymous", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Also announce and list subscribers without a token. Default: ${DEFAULT-VALUE}.")
    boolean subscriptionsAnonymous;

    @Option(names = "--subscriptions-max-listed", paramLabel = "COUNT",
            defaultValue = "" + SubscriptionsOptions.DEFAULT_MAX_LISTED,
            description = "Most subscriptions (one per topic of a stream, of every node) the subscriptions API lists; "
                    + "beyond it new ones are announced but not listed. Default: ${DEFAULT-VALUE}.")
    int subscriptionsMaxListed;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A configuration file (.yaml or .properties) of option names without dashes and values, "
                    + "e.g. 'port: 9000'. Flags win over HERALD_* variables, which win over the file. Default: none.")
    Path config;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Log lines as text, or json (one object per line) for log shippers. Default: ${DEFAULT-VALUE}.")
    LogFormat logFormat;

    /** How log lines look. */
    enum LogFormat { TEXT, JSON }

    public static void main(String[] args) {
        CommandLine commandLine;
        try {
            commandLine = commandLine(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            System.err.println("herald: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(commandLine.execute(args));
    }

    static CommandLine commandLine(Map<String, String> environment) {
        return commandLine(environment, new String[0]);
    }

    /**
     * The command line with its layered defaults. The configuration file is named by {@code --config}
     * or {@code HERALD_CONFIG}, so it is found before the other options are parsed.
     */
    static CommandLine commandLine(Map<String, String> environment, String[] args) {
        CommandLine commandLine = new CommandLine(new HeraldCommand());
        Map<String, String> fileValues = configPath(environment, args)
                .map(file -> ConfigFile.read(file, knownKeys(commandLine)))
                .orElse(Map.of());
        commandLine.setDefaultValueProvider(new LayeredDefaults(environment, fileValues));
        // "@path" means "read this key from a file" for the key options, not a picocli argument file.
        commandLine.setExpandAtFiles(false);
        // --transport store, --fsync batch, --jwt-algorithm rs256: enum values in any case.
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        addClientCommands(commandLine, environment);
        // A bad value is one line naming the option (and the command), not the whole usage.
        commandLine.setParameterExceptionHandler((error, arguments) -> {
            CommandLine where = error.getCommandLine();
            String who = where.getParent() == null ? "herald" : "herald " + where.getCommandName();
            where.getErr().println(who + ": " + error.getMessage() + " (see --help)");
            return 2;
        });
        return commandLine;
    }

    /**
     * {@code herald token|publish|subscribe}, on herald-client. Added after the hub's layered defaults
     * are set, so that HERALD_* variables and the configuration file shape the hub only; the client
     * commands read HERALD_TOKEN themselves.
     */
    private static void addClientCommands(CommandLine commandLine, Map<String, String> environment) {
        for (Object command : List.of(new TokenCommand(java.time.Clock.systemUTC()), new PublishCommand(environment),
                new SubscribeCommand(environment))) {
            CommandLine subcommand = new CommandLine(command);
            subcommand.setCaseInsensitiveEnumValuesAllowed(true);
            commandLine.addSubcommand(subcommand);
        }
    }

    private static Optional<Path> configPath(Map<String, String> environment, String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Optional.of(Path.of(args[i + 1]));
            }
            if (args[i].startsWith("--config=")) {
                return Optional.of(Path.of(args[i].substring("--config=".length())));
            }
        }
        return Optional.ofNullable(environment.get("HERALD_CONFIG")).filter(value -> !value.isBlank()).map(Path::of);
    }

    private static java.util.Set<String> knownKeys(CommandLine commandLine) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (CommandLine.Model.OptionSpec option : commandLine.getCommandSpec().options()) {
            keys.add(LayeredDefaults.keyFor(option));
        }
        keys.remove("config");
        return keys;
    }

    ServerOptions options() {
        Optional<JwtKey> publisherKey = key("--publisher-jwt-key", publisherJwtKey).or(() -> key("--jwt-key", jwtKey));
        Optional<JwtKey> subscriberKey = key("--subscriber-jwt-key", subscriberJwtKey).or(() -> key("--jwt-key", jwtKey));
        SecurityOptions security = new SecurityOptions(publisherKey, subscriberKey, anonymous,
                nonBlank(corsOrigins), nonBlank(publishOrigins), accessTokens.options(publisherKey, subscriberKey));
        HistoryOptions history = (switch (transport) {
            case STORE -> HistoryOptions.store(dataDir);
            case MEMORY -> HistoryOptions.memory();
            case REDIS -> HistoryOptions.redis(redisUrl, redisPrefix);
        }).withDurability(fsync).withMaxAge(historyMaxAge);
        if (historySize != null) {
            history = history.withSize(historySize);
        }
        return readiness.applyTo(ServerOptions.builder()).host(host).port(port).heartbeat(heartbeat).history(history)
                .maxBodyBytes(maxBodyBytes).maxHeaderBytes(maxHeaderBytes).maxPendingBytes(maxPendingBytes)
                .maxTopics(maxTopics).maxStreams(maxStreams)
                .admission(admission.options())
                .maxConnectionLifetime(maxConnectionLifetime).demoTopic(demoTopic)
                .subscriptions(new SubscriptionsOptions(subscriptions, subscriptionsAnonymous, subscriptionsMaxListed))
                .tls(tls()).security(security)
                .replay(replay.options()).idempotency(idempotency.options())
                .connections(new ConnectionOptions(headerTimeout, bodyTimeout, idleTimeout, maxConnections,
                        maxConnectionsPerAddress))
                .admin(admin())
                .build();
    }

    private Optional<AdminListen> admin() {
        if (adminListen == null || adminListen.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(AdminListen.parse(adminListen));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--admin-listen: " + e.getMessage());
        }
    }

    private Optional<TlsOptions> tls() {
        if (tlsSelfSigned || tlsCert != null || tlsKey != null) {
            return Optional.of(new TlsOptions(Optional.ofNullable(tlsCert), Optional.ofNullable(tlsKey), tlsSelfSigned));
        }
        return Optional.empty();
    }

    private Optional<JwtKey> key(String option, String value) {
        return KeyText.parse(option, jwtAlgorithm, value);
    }

    /** The values stripped, without blank ones (a list option left empty is one blank value). */
    static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    @Override
    public Integer call() throws InterruptedException {
        // Before the first logger exists: logback.xml picks its appender from this property.
        System.setProperty("herald.log.format", logFormat.name().toLowerCase(java.util.Locale.ROOT));
        ServerOptions options;
        HeraldServer server;
        try {
            options = options();
            server = HeraldServer.start(options);
        } catch (IllegalArgumentException | StartupException e) {
            System.err.println("herald: " + e.getMessage());
            return 2;
        }
        // SIGTERM and Ctrl+C shut down gracefully and exit 0; any other end still closes the hub.
        CountDownLatch stopRequested = new CountDownLatch(1);
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal -> stopRequested.countDown());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "herald-shutdown"));
        System.out.println("Herald is running: open " + server.scheme() + "://" + options.host() + ":" + server.address().getPort()
                + "/ (Ctrl+C to stop)");
        stopRequested.await();
        server.close();
        return 0;
    }
}
