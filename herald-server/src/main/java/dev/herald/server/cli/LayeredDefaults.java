package dev.herald.server.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where an option's value comes from when it is not on the command line, in this order: the
 * environment ({@code --max-body-bytes} reads {@code HERALD_MAX_BODY_BYTES}), then the configuration
 * file ({@code max-body-bytes: 1MiB}), then the built-in default.
 */
final class LayeredDefaults implements IDefaultValueProvider {

    private final Map<String, String> environment;
    private final Map<String, String> configFile;

    LayeredDefaults(Map<String, String> environment, Map<String, String> configFile) {
        this.environment = environment;
        this.configFile = configFile;
    }

    static String variableFor(OptionSpec option) {
        return "HERALD_" + keyFor(option).replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The option's name without dashes: its key in a configuration file. */
    static String keyFor(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (argument instanceof OptionSpec option) {
            String value = environment.get(variableFor(option));
            if (value != null && !value.isBlank()) {
                return value;
            }
            value = configFile.get(keyFor(option));
            if (value != null) {
                return value;
            }
        }
        return argument.defaultValue();
    }
}
