package dev.switchboard.router.priority;

import java.util.Optional;

/**
 * A rule that fired: the ticket needs an agent with {@code requiredRole}.
 *
 * @param precedence the rule's position in the file (0 first): a later message replaces the
 *     ticket's escalation only with a rule of higher precedence
 */
public record EscalationDecision(String rule, Optional<String> requiredRole, String detail, int precedence) {}
