package dev.switchboard.testkit;

import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine answers here (a docker client alone is not enough). */
final class Docker {
    private Docker() {}

    static boolean available() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
