package dev.klaxon.notifier.message;

import java.text.Normalizer;

/**
 * The GSM 03.38 alphabet SMS is sent in: one 160-septet segment as long as every character is in it. A single
 * character outside it (an emoji, a typographic quote) would switch the whole message to UCS-2 and 70 characters
 * per segment, so text is folded into it before it is measured.
 */
public final class Gsm7 {

    /** Characters of the basic table: one septet each. */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** Characters of the extension table: an escape plus one septet each. */
    private static final String EXTENDED = "^{}\\[~]|€\f";
    private static final String ELLIPSIS = "...";

    private Gsm7() {
    }

    /** The text with every character outside the GSM alphabet replaced by its closest equivalent, or '?'. */
    public static String fold(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp < 0x10000 && (BASIC.indexOf(cp) >= 0 || EXTENDED.indexOf(cp) >= 0)) {
                sb.appendCodePoint(cp);
                return;
            }
            String similar = switch (cp) {
                case '\u2018', '\u2019', '\u201A', '\u2032', '`', '\u00B4' -> "'";
                case '\u201C', '\u201D', '\u201E', '\u2033', '\u00AB', '\u00BB' -> "\"";
                case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> "-";
                case '\u2026' -> ELLIPSIS;
                case '\t', '\u00A0', '\u2007', '\u202F', '\u2009', '\u200A' -> " ";
                case '\u2022', '\u00B7' -> "*";
                default -> null;
            };
            if (similar == null) {
                // é is in the alphabet but ê is not: try the letter without its accent
                String base = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD)
                        .replaceAll("\\p{M}", "");
                similar = base.length() == 1 && BASIC.indexOf(base.charAt(0)) >= 0 ? base : "?";
            }
            sb.append(similar);
        });
        return sb.toString();
    }

    /** How many septets the text takes; only meaningful for folded text. */
    public static int septets(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += EXTENDED.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
        }
        return n;
    }

    /** The longest start of the text that fits in the septets, ending in "..." when something was cut. */
    public static String truncate(String text, int maxSeptets) {
        if (septets(text) <= maxSeptets) {
            return text;
        }
        int room = maxSeptets - ELLIPSIS.length();
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int cost = EXTENDED.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
            if (used + cost > room) {
                break;
            }
            sb.append(text.charAt(i));
            used += cost;
        }
        return room <= 0 ? "" : sb.toString().stripTrailing() + ELLIPSIS;
    }
}
