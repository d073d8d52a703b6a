package dev.switchboard.router.understanding;

import java.math.BigDecimal;

/**
 * An amount of money a customer wrote.
 *
 * @param amount the value, without thousands separators
 * @param currency ISO 4217 code
 * @param evidence the text it was read from, as the customer wrote it
 */
public record Money(BigDecimal amount, String currency, String evidence) {}
