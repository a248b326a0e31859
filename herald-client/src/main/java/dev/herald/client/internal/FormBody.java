package dev.herald.client.internal;

import dev.herald.client.Publication;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** A {@link Publication} as Mercure's {@code application/x-www-form-urlencoded} publish body. */
public final class FormBody {

    private FormBody() {
    }

    public static String of(Publication publication) {
        StringJoiner form = new StringJoiner("&");
        publication.topics().forEach(topic -> form.add(field("topic", topic)));
        form.add(field("data", publication.data()));
        if (publication.isPrivate()) {
            form.add(field("private", "on"));
        }
        publication.id().ifPresent(id -> form.add(field("id", id)));
        publication.type().ifPresent(type -> form.add(field("type", type)));
        publication.retry().ifPresent(retry -> form.add(field("retry", Long.toString(retry.toMillis()))));
        return form.toString();
    }

    private static String field(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
