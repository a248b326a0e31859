package dev.herald.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads a configuration file ({@code .yaml}/{@code .yml} or {@code .properties}) into option values
 * keyed by option name without dashes: {@code port: 9000}, {@code cors-origins: [a, b]}. A key that is
 * no option is an error, so a typo never silently keeps a default.
 */
final class ConfigFile {

    private ConfigFile() {
    }

    static Map<String, String> read(Path file, Set<String> knownKeys) {
        Map<String, String> values;
        try {
            String name = file.getFileName().toString();
            values = name.endsWith(".properties") ? properties(file) : yaml(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--config: cannot read " + file + ": " + e.getMessage());
        }
        for (String key : values.keySet()) {
            if (!knownKeys.contains(key)) {
                throw new IllegalArgumentException("--config: " + file + " sets '" + key + "', which is not an option "
                        + "(keys are option names without dashes, e.g. max-body-bytes)");
            }
        }
        return values;
    }

    private static Map<String, String> properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).strip()));
        return values;
    }

    private static Map<String, String> yaml(Path file) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        Map<String, String> values = new LinkedHashMap<>();
        if (root == null || root.isNull()) {
            return values;
        }
        if (!root.isObject()) {
            throw new IOException("the file must be a map of option names to values");
        }
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            values.put(entry.getKey(), text(entry.getKey(), entry.getValue()));
        }
        return values;
    }

    /**
     * Scalars as written; a list becomes the comma-separated form the list options take, and a list of
     * maps (the {@code issuers} section) its JSON text, the form {@code --issuers} takes.
     */
    private static String text(String key, JsonNode value) throws IOException {
        if (value.isArray() && value.size() > 0 && value.get(0).isObject()) {
            return value.toString();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                items.add(text(key, item));
            }
            return String.join(",", items);
        }
        if (value.isContainerNode()) {
            throw new IOException("'" + key + "' must be a value or a list, not a map");
        }
        return value.asText();
    }
}
