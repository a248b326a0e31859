package dev.herald.server.cli;

import java.net.URI;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A hub as the command line takes it: its Mercure URL, or just its address
 * ({@code http://127.0.0.1:8080}), to which {@code /.well-known/mercure} is added.
 */
final class HubUrl implements ITypeConverter<URI> {

    static final String MERCURE_PATH = "/.well-known/mercure";

    @Override
    public URI convert(String value) {
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new TypeConversionException("'" + value + "' is not an http(s) URL (example: http://127.0.0.1:8080)");
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + MERCURE_PATH
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        }
        return uri;
    }
}
