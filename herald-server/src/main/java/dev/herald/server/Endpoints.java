package dev.herald.server;

import dev.herald.core.Hub;
import dev.herald.core.TemplateRegistry;
import dev.herald.core.auth.AccessTokenRules;
import dev.herald.core.auth.JwtKey;
import dev.herald.core.auth.TokenVerifier;
import dev.herald.core.auth.TrustedIssuer;
import dev.herald.core.auth.TrustedKeys;
import dev.herald.server.demo.DemoApi;
import dev.herald.server.http.LoopExecutors;
import dev.herald.server.http.PublisherGate;
import dev.herald.server.http.Route;
import dev.herald.server.http.StaticFiles;
import dev.herald.server.mercure.ActiveSubscriptions;
import dev.herald.server.mercure.Authorizer;
import dev.herald.server.mercure.BearerChallenges;
import dev.herald.server.mercure.MercureEndpoint;
import dev.herald.server.mercure.ResourceMetadata;
import dev.herald.server.mercure.SubscriptionsApi;
import dev.herald.server.metrics.HeraldMetrics;
import dev.herald.server.stream.Dispatcher;
import dev.herald.server.stream.StreamAdmission;
import dev.herald.server.stream.StreamOpener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Wires the protocol fronts onto one hub and lists every route the server answers. */
final class Endpoints {

    private final List<Route> routes = new ArrayList<>();
    private final PublisherGate.Rule publishers;
    private final ActiveSubscriptions activeSubscriptions;

    Endpoints(ServerOptions options, Clock clock, Hub hub, Dispatcher dispatcher, LoopExecutors loops,
            HeraldMetrics metrics) {
        SecurityOptions security = options.security();
        activeSubscriptions = new ActiveSubscriptions(hub, options.subscriptions());
        hub.addListener(activeSubscriptions);
        hub.addLiveListener(activeSubscriptions);
        StreamOpener streams = new StreamOpener(hub, dispatcher, options.maxPendingBytes(), metrics,
                options.replay());
        metrics.replaysFrom(streams::replaysRunning, streams::replaysWaiting);
        AdmissionOptions admit = options.admission();
        StreamAdmission admission = new StreamAdmission(new StreamAdmission.Limits(options.effectiveMaxStreams(),
                admit.maxStreamsPerAddress(), admit.maxTemplatesPerStream(), admit.maxTemplatesPerAddress(),
                admit.maxTemplates()),
                new TemplateRegistry(), metrics);
        AccessTokenOptions accessTokens = security.accessTokens();
        BearerChallenges challenges = new BearerChallenges(accessTokens);
        Optional<TokenVerifier> publisherTokens = security.publishersNeedTokens()
                ? Optional.of(verifier(security.publisherKey(), accessTokens, TrustedIssuer::publisherKeys, clock))
                : Optional.empty();
        Optional<TokenVerifier> subscriberTokens = security.subscriberTokensChecked()
                ? Optional.of(verifier(security.subscriberKey(), accessTokens, TrustedIssuer::subscriberKeys, clock))
                : Optional.empty();
        Authorizer authorizer = new Authorizer(publisherTokens, subscriberTokens, security.anonymousSubscribers(),
                security.publishOrigins(), challenges);
        MercureEndpoint mercure = new MercureEndpoint(hub, streams, admission, authorizer, activeSubscriptions,
                new MercureEndpoint.Limits(options.maxTopics(), options.maxConnectionLifetime(), accessTokens.hubUrl()),
                loops, clock);

        // Every publish path and the check its endpoint runs first, for the gate before the body is read.
        publishers = new PublisherGate.Rule(java.util.Set.of(MercureEndpoint.PATH, DemoApi.SEND_PATH), mercure::publisher);
        if (options.admin().isEmpty()) {
            // With an admin listener, metrics are served there only: they describe the hub's traffic,
            // which is the operator's business, not every subscriber's.
            routes.add(MetricsRoute.of(metrics));
        }
        routes.addAll(mercure.routes());
        routes.addAll(new ResourceMetadata(accessTokens, challenges, options.subscriptions().enabled()).routes());
        routes.addAll(new SubscriptionsApi(activeSubscriptions, authorizer, challenges).routes());
        routes.addAll(new DemoApi(mercure, options.demoTopic(), clock).routes());
        routes.addAll(new StaticFiles(StaticFiles.DEMO_FILES).routes());
    }

    /** One role's verifier: its draft-07 key, and each trusted issuer's keys for that role. */
    private static TokenVerifier verifier(Optional<JwtKey> draft07Key, AccessTokenOptions accessTokens,
            Function<TrustedIssuer, TrustedKeys> roleKeys, Clock clock) {
        Map<String, TrustedKeys> issuers = accessTokens.issuers().stream()
                .collect(Collectors.toMap(TrustedIssuer::issuer, roleKeys));
        AccessTokenRules rules = new AccessTokenRules(Set.copyOf(accessTokens.resources()), issuers,
                accessTokens.urlPatterns());
        return new TokenVerifier(draft07Key, rules, TokenVerifier.DEFAULT_CLOCK_SKEW, clock);
    }

    /** The publish paths and their publisher check, run on the request head before the body is read. */
    PublisherGate.Rule publishers() {
        return publishers;
    }

    /** Mercure's active subscriptions, which the dashboard lists too. */
    ActiveSubscriptions activeSubscriptions() {
        return activeSubscriptions;
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }
}
