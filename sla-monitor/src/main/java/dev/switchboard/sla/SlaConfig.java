package dev.switchboard.sla;

import dev.switchboard.calendar.Calendars;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The SLA monitor's resolved configuration: Kafka settings, the named calendars and the policies
 * (from {@code sla.yaml} and the calendars file it names).
 */
public record SlaConfig(
        KafkaSettings kafka,
        Calendars calendars,
        SlaPolicies policies,
        Duration checkEvery,
        Duration lateAfter,
        Duration retainSolved) {

    /** Loads {@code sla.yaml} and its calendars file (relative to it). */
    public static SlaConfig load(ConfigLoader loader, Path file) {
        SlaConfigFile spec = loader.load(file, SlaConfigFile.class);
        Path dir = file.toAbsolutePath().getParent();
        Calendars calendars = Calendars.load(loader, dir.resolve(spec.calendars()));
        return of(file.toString(), spec, calendars);
    }

    /** Parses {@code sla.yaml} text against already loaded calendars; {@code source} names it in errors. */
    public static SlaConfig parse(ConfigLoader loader, String source, String yaml, Calendars calendars) {
        return of(source, loader.parse(source, yaml, SlaConfigFile.class), calendars);
    }

    private static SlaConfig of(String source, SlaConfigFile spec, Calendars calendars) {
        return new SlaConfig(
                spec.kafka(),
                calendars,
                SlaPolicies.resolve(source, spec, calendars),
                spec.checkEvery(),
                spec.lateAfter(),
                spec.retainSolved());
    }

    public SlaConfig withKafka(KafkaSettings settings) {
        return new SlaConfig(settings, calendars, policies, checkEvery, lateAfter, retainSolved);
    }
}
