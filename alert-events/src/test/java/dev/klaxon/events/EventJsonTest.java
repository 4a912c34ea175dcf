package dev.klaxon.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void envelopeRoundTripsWithItsTypedPayload() {
        NormalizedAlert alert = new NormalizedAlert("a1", "grafana", "i1", "checkout", "fp", AlertStatus.FIRING,
                "DatabaseDown", null, "critical", Map.of("severity", "critical"), Map.of(),
                List.of(new Link("generator", "http://g", "Source")), Map.of("B", 1.0),
                Instant.parse("2026-11-24T03:00:00Z"), Instant.parse("2026-11-24T03:00:01Z"), null, null);
        EventEnvelope<NormalizedAlert> e = EventEnvelope.of(NormalizedAlert.EVENT_TYPE, "alert-ingest",
                alert.receivedAt(), alert);
        EventEnvelope<NormalizedAlert> back = EventJson.read(EventJson.write(e), NormalizedAlert.class);
        assertEquals(e, back);
    }

    @Test
    void unknownFieldsAreIgnoredSoSchemasCanGrow() {
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"incident.command.acknowledge\","
                + "\"schemaVersion\":1,\"occurredAt\":\"2026-11-24T03:00:00Z\",\"source\":\"notifier-service\","
                + "\"future\":true,\"payload\":{\"action\":\"ACKNOWLEDGE\",\"incidentNumber\":42,\"actor\":\"x\","
                + "\"via\":\"sms\",\"newField\":1}}";
        assertEquals(42L, EventJson.read(json, IncidentCommand.class).payload().incidentNumber());
    }

    @Test
    void garbageIsAnInvalidEvent() {
        assertThrows(EventJson.InvalidEventException.class, () -> EventJson.read("{not json", IncidentSignal.class));
        assertThrows(EventJson.InvalidEventException.class, () -> EventJson.read("{}", IncidentSignal.class));
        assertThrows(EventJson.InvalidEventException.class, () -> EventJson.read("null", IncidentSignal.class));
    }

    @Test
    void deterministicIdsAreStableAndDistinct() {
        UUID incident = UUID.randomUUID();
        assertEquals(DeterministicIds.of(incident, "TRIGGERED", 0, 0, "u1"),
                DeterministicIds.of(incident, "TRIGGERED", 0, 0, "u1"));
        assertEquals(false, DeterministicIds.of(incident, "TRIGGERED", 0, 0, "u1")
                .equals(DeterministicIds.of(incident, "TRIGGERED", 0, 1, "u1")));
    }
}
