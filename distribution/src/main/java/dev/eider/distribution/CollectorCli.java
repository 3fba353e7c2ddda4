package dev.eider.distribution;

import dev.eider.runtime.admin.AdminClient;
import dev.eider.runtime.admin.AdminResponse;
import dev.eider.runtime.component.ComponentFactory;
import dev.eider.runtime.config.CollectorConfig;
import dev.eider.runtime.config.ConfigException;
import dev.eider.runtime.service.Distribution;
import dev.eider.runtime.service.Version;
import dev.eider.runtime.tls.ClientTls;
import dev.eider.runtime.tls.InvalidTlsFileException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * The command line of every Eider distribution. Commands print results on {@code out} and
 * problems on {@code err} in one readable block, and answer an {@link ExitCode}.
 */
public final class CollectorCli {
    static final String DEFAULT_ADMIN = "http://localhost:13133";

    private final Distribution distribution;
    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> env;

    public CollectorCli(Distribution distribution, PrintStream out, PrintStream err, Function<String, String> env) {
        this.distribution = distribution;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** Runs one command line to completion (for {@code run}: until the collector stops). */
    public int run(String[] args) {
        CliArguments cli;
        try {
            cli = CliArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help for usage.");
            return ExitCode.USAGE;
        }
        return switch (cli.command()) {
            case "help" -> help();
            case "version" -> version();
            case "components" -> components();
            case "validate" -> validate(cli);
            case "run" -> runCollector(cli);
            default -> admin(cli);
        };
    }

    private int help() {
        out.println("""
                Usage: java -jar collector.jar [command] [options]

                Commands:
                  run (default)   run the pipelines of --config files (the built-in default
                                  pipeline when none is given: OTLP/HTTP on localhost:4318
                                  and OTLP/gRPC on localhost:4317 into ./eider.duckdb)
                  validate        check --config files and print every problem, then exit
                  components      list the component types of this distribution
                  version         print the version
                  status          the admin API's /v1/status of a running collector
                  seals           the seal history of a running collector
                  flush           seal everything buffered now (--pipeline ID for one)
                  stop            stop a running collector gracefully
                  query SQL       run one read-only SQL query on a running collector's
                                  tables (--format table|csv|json, --exporter ID)

                Options:
                  -c, --config FILE   a configuration file; repeat to merge several in order
                  --admin URL         admin API of a running collector (default %s)
                  --token TOKEN       admin token (default: $EIDER_ADMIN_TOKEN)
                  --ca-file FILE      with an https:// --admin: the CA certificates (PEM) to
                                      trust instead of the JDK's
                  --cert-file FILE, --key-file FILE
                                      a client certificate (PEM, PKCS#8 key) for an admin API
                                      that requires one (mutual TLS)
                  --pipeline ID       with flush: only this pipeline
                  --format F          with query: table (default), csv or json
                  --exporter ID       with query: the exporter whose tables to read (needed
                                      when several exporters answer queries)
                  -h, --help          this help
                  --version           the version

                Exit codes: 0 ok, 1 failed to start or lost rows on stop, 2 usage,
                3 invalid configuration, 4 admin API unreachable or answered an error."""
                .formatted(DEFAULT_ADMIN));
        return ExitCode.OK;
    }

    private int version() {
        out.println("eider " + Version.current());
        return ExitCode.OK;
    }

    private int components() {
        print("receivers", distribution.receivers());
        print("processors", distribution.processors());
        print("exporters", distribution.exporters());
        print("extensions", distribution.extensions());
        return ExitCode.OK;
    }

    private void print(String title, Map<String, ? extends ComponentFactory<?>> factories) {
        out.println(title + ":");
        new TreeMap<>(factories).forEach((type, f) ->
                out.printf("  %-14s %s%n", type, f.stability().label()));
    }

    private int runCollector(CliArguments cli) {
        CollectorConfig config = loadOrReport(cli);
        if (config == null) {
            return ExitCode.INVALID_CONFIG;
        }
        if (cli.configs().isEmpty()) {
            out.println("No --config given: running the built-in default pipeline "
                    + "(OTLP/HTTP on localhost:4318 and OTLP/gRPC on localhost:4317 -> auth -> batch -> DuckDB ./eider.duckdb).");
        }
        return new CollectorRunner(out, err).run(config);
    }

    private int validate(CliArguments cli) {
        CollectorConfig config = loadOrReport(cli);
        if (config == null) {
            return ExitCode.INVALID_CONFIG;
        }
        out.println("configuration is valid: " + config.pipelines().size() + " pipeline(s)");
        return ExitCode.OK;
    }

    /** Loads the configuration, printing warnings; prints every error and answers null if invalid. */
    private CollectorConfig loadOrReport(CliArguments cli) {
        try {
            CollectorConfig config = ConfigSource.load(cli.configs(), distribution, env);
            config.warnings().forEach(w -> err.println("warning: " + w));
            return config;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return null;
        }
    }

    private int admin(CliArguments cli) {
        URI base = URI.create(cli.admin().orElse(DEFAULT_ADMIN));
        String token = cli.token().orElse(env.apply("EIDER_ADMIN_TOKEN"));
        AdminClient client;
        try {
            client = new AdminClient(base, token, adminTls(cli.adminTls()));
        } catch (InvalidTlsFileException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE;
        }
        try {
            AdminResponse response = switch (cli.command()) {
                case "status" -> client.status();
                case "seals" -> client.seals();
                case "flush" -> client.flush(cli.pipeline());
                case "stop" -> client.shutdown();
                case "query" -> client.query(cli.operands().get(0), cli.exporter(),
                        cli.format().equals("csv") ? "text/csv" : "application/json");
                default -> throw new IllegalStateException(cli.command());
            };
            boolean ok = response.status() / 100 == 2;
            if (!ok) {
                err.println(response.body());
                return ExitCode.ADMIN_ERROR;
            }
            if (cli.command().equals("query") && cli.format().equals("table")) {
                out.print(QueryTable.render(response.body()));
            } else if (cli.command().equals("query") && cli.format().equals("csv")) {
                out.print(response.body());
            } else {
                out.println(response.body());
            }
            return ExitCode.OK;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.ADMIN_ERROR;
        }
    }

    private static Optional<SSLContext> adminTls(CliArguments.AdminTlsFiles files) throws InvalidTlsFileException {
        if (!files.any()) {
            return Optional.empty();
        }
        return Optional.of(ClientTls.context(files.caFile(), files.certFile(), files.keyFile()));
    }
}
