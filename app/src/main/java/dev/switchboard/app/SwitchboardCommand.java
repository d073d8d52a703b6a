package dev.switchboard.app;

import dev.switchboard.broker.BrokerFailedException;
import dev.switchboard.config.ConfigException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code switchboard}: runs Switchboard's services and tools. */
@Command(
        name = "switchboard",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Event-driven ticket routing for the support teams of online shops.",
        subcommands = {
            BrokerCommand.class,
            TailCommand.class,
            IngestEmailCommand.class,
            IngestSocialCommand.class,
            BridgeCommand.class,
            RouterCommand.class,
            SlaMonitorCommand.class,
            RunCommand.class,
            TopicsCommand.class,
            AgentsCommand.class,
            dev.switchboard.bench.BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SwitchboardCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with Switchboard's error handling: known failures print one clear line, no stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SwitchboardCommand());
        cli.setOut(new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println("switchboard: configuration error: " + e.getMessage());
                return 2;
            }
            if (e instanceof BrokerFailedException || e instanceof CommandFailedException) {
                commandLine.getErr().println("switchboard: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli;
    }
}
