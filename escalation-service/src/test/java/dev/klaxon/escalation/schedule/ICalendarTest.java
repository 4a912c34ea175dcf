package dev.klaxon.escalation.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ICalendarTest {

    static final Instant STAMP = Instant.parse("2026-11-24T08:30:15.123Z");

    static String calendar(String summary) {
        return ICalendar.calendar("Klaxon on-call: Primary", STAMP, List.of(new ICalendar.Event("abc@klaxon",
                Instant.parse("2026-11-24T09:00:00Z"), Instant.parse("2026-12-01T09:00:00Z"), summary,
                "Schedule Primary (Europe/London)")));
    }

    @Test
    void aCalendarHasTheRequiredPropertiesAndOneEventInUtcWithCrlfLines() {
        String ics = calendar("Olivia on call");
        assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Klaxon//escalation-service//EN\r\n"),
                ics);
        assertTrue(ics.endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n"), ics);
        assertFalse(ics.replace("\r\n", "").contains("\n"), "no bare line feed");
        assertFalse(ics.replace("\r\n", "").contains("\r"), "no bare carriage return");
        assertTrue(ics.contains("\r\nBEGIN:VEVENT\r\nUID:abc@klaxon\r\nDTSTAMP:20261124T083015Z\r\n"
                + "DTSTART:20261124T090000Z\r\nDTEND:20261201T090000Z\r\nSUMMARY:Olivia on call\r\n"), ics);
    }

    @Test
    void textValuesAreEscaped() {
        assertEquals("Ops\\, SRE\\; DBA \\\\ on call\\nsecond line", ICalendar.text("Ops, SRE; DBA \\ on call\r\n"
                + "second line"));
        assertEquals("bell dropped", ICalendar.text("bell\u0007 dropped"));
    }

    @Test
    void longLinesAreFoldedAt75OctetsWithoutSplittingACharacter() throws CharacterCodingException {
        String summary = "Zoë Ñúñez-Łukasiewicz 🚨 on call for the Checkout, Payments and Search platform teams "
                + "(primary) — ".repeat(3);
        String ics = calendar(summary);
        for (String line : ics.split("\r\n")) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            assertTrue(bytes.length <= 75, bytes.length + " octets: " + line);
            // each physical line is whole UTF-8 on its own
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        }
        String unfolded = ics.replace("\r\n ", "");
        assertTrue(unfolded.contains("\r\nSUMMARY:" + ICalendar.text(summary) + "\r\n"), unfolded);
    }

    @Test
    void aLineOfExactly75OctetsIsNotFolded() {
        StringBuilder out = new StringBuilder();
        ICalendar.line(out, "X".repeat(75));
        assertEquals("X".repeat(75) + "\r\n", out.toString());
        out.setLength(0);
        ICalendar.line(out, "X".repeat(76));
        assertEquals("X".repeat(75) + "\r\n X\r\n", out.toString());
    }
}
