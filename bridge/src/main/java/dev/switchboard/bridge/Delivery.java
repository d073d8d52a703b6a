package dev.switchboard.bridge;

import java.util.Map;

/**
 * One event to deliver to one endpoint: the body is fixed before the first attempt, so every
 * retry sends the same bytes under the same idempotency key.
 *
 * @param id idempotency key: the assignment's decision id or the alert's id
 * @param kind what it is ("assignment", "sla_alert")
 */
public record Delivery(String id, String kind, byte[] body, Map<String, String> context) {}
