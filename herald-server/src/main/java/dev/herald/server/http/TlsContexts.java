package dev.herald.server.http;

import dev.herald.server.StartupException;
import dev.herald.server.TlsOptions;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/** Builds the server's TLS context: ALPN offering h2 then http/1.1, HTTP/2-safe cipher suites. */
public final class TlsContexts {

    private TlsContexts() {
    }

    public static SslContext server(TlsOptions tls) {
        try {
            SslContextBuilder builder;
            if (tls.selfSigned()) {
                SelfSignedCertificate generated = new SelfSignedCertificate("localhost");
                builder = SslContextBuilder.forServer(generated.certificate(), generated.privateKey());
            } else {
                builder = SslContextBuilder.forServer(tls.certificate().orElseThrow().toFile(),
                        tls.privateKey().orElseThrow().toFile());
            }
            return builder.sslProvider(SslProvider.JDK)
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException | CertificateException | IllegalArgumentException e) {
            throw new StartupException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
