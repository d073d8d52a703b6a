package dev.switchboard.app;

import dev.switchboard.schemas.AvroSetup;

/** The {@code switchboard} command's entry point: the only place that exits the JVM. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        AvroSetup.install();
        System.exit(SwitchboardCommand.commandLine().execute(args));
    }
}
