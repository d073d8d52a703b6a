package dev.switchboard.schemas;

import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * JVM-wide Avro settings Switchboard relies on, installed by the serde and by every entry point.
 *
 * <ul>
 *   <li>Avro (1.12.1 and later) loads a generated class, e.g. to build an enum field's default,
 *       only when its package is trusted: Switchboard trusts exactly its own event package.
 *   <li>Generated {@code equals} compares list elements with the generic model, which must know
 *       {@code java.time} values to compare optional timestamps inside lists (e.g. the clocks of
 *       an {@code SlaStatus}).
 * </ul>
 */
public final class AvroSetup {
    public static final String EVENTS_PACKAGE = "dev.switchboard.events";
    private static boolean installed;

    private AvroSetup() {}

    /** Idempotent. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(), clazz -> clazz.getName().startsWith(EVENTS_PACKAGE + ".")));
        GenericData generic = GenericData.get();
        generic.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        generic.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        generic.addLogicalTypeConversion(new TimeConversions.DateConversion());
        installed = true;
    }
}
