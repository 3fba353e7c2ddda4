package dev.eider.runtime.config;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * Expands {@code ${env:VAR}} and {@code ${env:VAR:-default}} inside scalar values; {@code $$} is a
 * literal {@code $}. As in the shell, the default also applies when the variable is set but empty.
 */
final class EnvExpansion {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String PREFIX = "env:";
    private static final String DEFAULT_SEPARATOR = ":-";

    private final Function<String, String> env;
    private final Problems problems;

    EnvExpansion(Function<String, String> env, Problems problems) {
        this.env = Objects.requireNonNull(env, "env");
        this.problems = problems;
    }

    /** The expanded text, or null when a reference could not be expanded (already reported). */
    String expand(String text, String path, Optional<Mark> mark) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean failed = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (c == '$' && next == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && next == '{') {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    problems.error(path, mark, "'${' without a closing '}' (write $$ for a literal $)");
                    return null;
                }
                String value = resolve(text.substring(i + 2, close), path, mark);
                if (value == null) {
                    failed = true;
                } else {
                    out.append(value);
                }
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return failed ? null : out.toString();
    }

    private String resolve(String reference, String path, Optional<Mark> mark) {
        if (!reference.startsWith(PREFIX)) {
            problems.error(path, mark, "unsupported reference '${" + reference
                    + "}'; use ${env:VAR} or ${env:VAR:-default} (write $$ for a literal $)");
            return null;
        }
        String body = reference.substring(PREFIX.length());
        int separator = body.indexOf(DEFAULT_SEPARATOR);
        String name = separator < 0 ? body : body.substring(0, separator);
        String fallback = separator < 0 ? null : body.substring(separator + DEFAULT_SEPARATOR.length());
        if (!NAME.matcher(name).matches()) {
            problems.error(path, mark, "'" + name + "' in '${" + reference + "}' is not an environment variable name");
            return null;
        }
        String value = env.apply(name);
        if (fallback != null && (value == null || value.isEmpty())) {
            return fallback;
        }
        if (value == null) {
            problems.error(path, mark, "environment variable " + name
                    + " is not set (write ${env:" + name + ":-default} to give a default)");
        }
        return value;
    }
}
