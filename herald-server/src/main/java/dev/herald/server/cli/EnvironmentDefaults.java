package dev.herald.server.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets every option be set from the environment: {@code --max-body-bytes} reads
 * {@code HERALD_MAX_BODY_BYTES}. A flag on the command line wins over the variable.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = environment;
    }

    static String variableFor(OptionSpec option) {
        String name = option.longestName().replaceFirst("^-+", "");
        return "HERALD_" + name.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (argument instanceof OptionSpec option) {
            String value = environment.get(variableFor(option));
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return argument.defaultValue();
    }
}
