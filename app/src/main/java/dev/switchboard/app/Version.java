package dev.switchboard.app;

import picocli.CommandLine;

/** The version from the jar's manifest (the Maven project version). */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"switchboard " + (version == null ? "development build" : version)};
    }
}
