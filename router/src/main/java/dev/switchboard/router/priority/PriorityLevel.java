package dev.switchboard.router.priority;

/** Ticket priority, lowest first. */
public enum PriorityLevel {
    LOW,
    NORMAL,
    HIGH,
    URGENT
}
