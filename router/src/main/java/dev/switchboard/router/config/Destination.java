package dev.switchboard.router.config;

/** Where tickets of an intent go: the team, and the routing group whose queue assignment keeps. */
public record Destination(String team, String routingGroup) {
    public Destination {
        if (team == null || team.isBlank()) {
            throw new IllegalArgumentException("team must not be empty");
        }
        routingGroup = routingGroup == null || routingGroup.isBlank() ? "default" : routingGroup;
    }
}
