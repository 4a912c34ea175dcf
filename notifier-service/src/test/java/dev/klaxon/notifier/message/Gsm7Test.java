package dev.klaxon.notifier.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Gsm7Test {

    @Test
    void extensionCharactersCountTwice() {
        assertEquals(5, Gsm7.septets("[P]"), "[ and ] take two septets each");
        assertEquals(3, Gsm7.septets("abc"));
    }

    @Test
    void charactersOutsideTheAlphabetAreFolded() {
        assertEquals("'quoted' - ... e o ?", Gsm7.fold("‘quoted’ – … ê õ 😀"));
        assertEquals("é ñ Ä €", Gsm7.fold("é ñ Ä €"));
    }

    @Test
    void truncationEndsInAnEllipsisWithinTheLimit() {
        assertEquals("abcdef", Gsm7.truncate("abcdef", 6));
        assertEquals("ab...", Gsm7.truncate("abcdef", 5));
        assertEquals("a...", Gsm7.truncate("a[cdef", 5), "[ takes two septets");
        assertEquals("", Gsm7.truncate("abcdef", 2));
    }
}
