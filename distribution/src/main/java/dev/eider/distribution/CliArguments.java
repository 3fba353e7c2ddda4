package dev.eider.distribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parsed command line: a command (run when none is given) and its options. Parsing never
 * exits; a usage problem is an {@link IllegalArgumentException} with a message for the user.
 */
record CliArguments(
        String command,
        List<Path> configs,
        Optional<String> admin,
        Optional<String> token,
        AdminTlsFiles adminTls,
        Optional<String> pipeline,
        Optional<String> exporter,
        String format,
        List<String> operands) {

    static final List<String> COMMANDS =
            List.of("run", "validate", "components", "version", "help", "status", "seals", "flush", "stop", "query");
    /** The commands that talk to a running collector's admin API. */
    static final List<String> ADMIN_COMMANDS = List.of("status", "seals", "flush", "stop", "query");
    /** How {@code query} prints rows. */
    static final List<String> FORMATS = List.of("table", "csv", "json");

    /** The TLS files of an admin command: {@code --ca-file}, {@code --cert-file}, {@code --key-file}. */
    record AdminTlsFiles(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {
        boolean any() {
            return caFile.isPresent() || certFile.isPresent() || keyFile.isPresent();
        }
    }

    static CliArguments parse(String[] args) {
        String command = "run";
        List<Path> configs = new ArrayList<>();
        String admin = null;
        String token = null;
        Path caFile = null;
        Path certFile = null;
        Path keyFile = null;
        String pipeline = null;
        String exporter = null;
        String format = null;
        List<String> operands = new ArrayList<>();
        int i = 0;
        if (args.length > 0 && !args[0].startsWith("-")) {
            command = args[0];
            if (!COMMANDS.contains(command)) {
                throw new IllegalArgumentException("unknown command '" + command + "'");
            }
            i = 1;
        }
        while (i < args.length) {
            String arg = args[i++];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            boolean takesValue = switch (name) {
                case "--config", "-c", "--admin", "--token", "--ca-file", "--cert-file", "--key-file", "--pipeline",
                        "--exporter", "--format" -> true;
                default -> false;
            };
            if (takesValue && value == null) {
                if (i >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[i++];
            }
            switch (name) {
                case "--help", "-h" -> command = "help";
                case "--version" -> command = "version";
                case "--config", "-c" -> configs.add(Path.of(value));
                case "--admin" -> admin = value;
                case "--token" -> token = value;
                case "--ca-file" -> caFile = Path.of(value);
                case "--cert-file" -> certFile = Path.of(value);
                case "--key-file" -> keyFile = Path.of(value);
                case "--pipeline" -> pipeline = value;
                case "--exporter" -> exporter = value;
                case "--format" -> {
                    if (!FORMATS.contains(value)) {
                        throw new IllegalArgumentException("--format must be one of " + String.join(", ", FORMATS)
                                + ", not '" + value + "'");
                    }
                    format = value;
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option '" + arg + "'");
                    }
                    operands.add(arg);
                }
            }
        }
        if (command.equals("query") && operands.size() != 1) {
            throw new IllegalArgumentException("query needs exactly one SQL statement as its argument"
                    + " (quote it), got " + operands.size());
        }
        if ((exporter != null || format != null) && !command.equals("query")) {
            throw new IllegalArgumentException((exporter != null ? "--exporter" : "--format") + " only goes with query");
        }
        AdminTlsFiles adminTls = new AdminTlsFiles(Optional.ofNullable(caFile), Optional.ofNullable(certFile),
                Optional.ofNullable(keyFile));
        if (adminTls.any() && !ADMIN_COMMANDS.contains(command)) {
            throw new IllegalArgumentException("--ca-file, --cert-file and --key-file only go with the admin commands "
                    + String.join(", ", ADMIN_COMMANDS));
        }
        return new CliArguments(command, List.copyOf(configs), Optional.ofNullable(admin),
                Optional.ofNullable(token), adminTls, Optional.ofNullable(pipeline), Optional.ofNullable(exporter),
                format == null ? "table" : format, List.copyOf(operands));
    }
}
