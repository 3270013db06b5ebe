package dev.privacy.platform.runtime.guard;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * P01: payment information is a processor token and display hints, never a card number. Finds
 * anything in a JSON body that looks like a full card number (PAN): 13 or more digits in a row,
 * possibly split by spaces, dashes, dots or slashes, in any string, number or field name at any
 * depth. Deliberately strict: no Luhn check (a mistyped PAN is still a PAN), Unicode digits count.
 */
public final class PanGuard {

    /** A digit, then at least 12 more, each after at most 3 separator characters. */
    private static final Pattern PAN_LIKE = Pattern.compile("\\d(?:[\\s\\-./]{0,3}\\d){12,}",
            Pattern.UNICODE_CHARACTER_CLASS);

    private PanGuard() {
    }

    public static boolean looksLikePan(String text) {
        return text != null && PAN_LIKE.matcher(text).find();
    }

    /**
     * The separators a card number may be written with in free text: whitespace (incl. no-break
     * spaces), any Unicode dash (hyphen, en/em dash, minus sign), underscore, comma, asterisk, dots,
     * slashes. Format characters (zero-width space/joiners, soft hyphen, BOM) are removed first.
     */
    private static final Pattern SEPARATED_DIGITS = Pattern.compile(
            "[0-9](?:[\\s\\p{Pd}\\u2212\\u00A0\\u2000-\\u200A\\u202F\\u3000_,*./\\\\\\u00B7\\u2022\\u2024\\u2027\\u30FB]{0,3}[0-9])+");
    private static final Pattern SEPARATOR_RUN = Pattern.compile("[^0-9]+");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

    /**
     * P01 in every stored or published string: whether {@code text} holds a Luhn-valid run of 13 to
     * 19 digits, written together or split by any {@link #SEPARATED_DIGITS separators} (including
     * Unicode dashes and zero-width characters). Canonical UUIDs are not digit runs. A run longer
     * than 19 digits is checked at every span of whole digit groups that has 13 to 19 digits.
     */
    public static boolean containsCardNumber(String text) {
        if (text == null || text.length() < 13) {
            return false;
        }
        StringBuilder visible = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.getType(cp) != Character.FORMAT) {
                visible.appendCodePoint(Character.isDigit(cp) && cp > '9' ? '0' + Character.digit(cp, 10) : cp);
            }
        });
        String cleaned = UUID_TEXT.matcher(visible).replaceAll("u");
        var runs = SEPARATED_DIGITS.matcher(cleaned);
        while (runs.find()) {
            String[] groups = SEPARATOR_RUN.split(runs.group());
            if (anySpanIsACardNumber(groups)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anySpanIsACardNumber(String[] groups) {
        String all = String.join("", groups);
        if (all.length() < 13) {
            return false;
        }
        if (all.length() <= 19) {
            return luhn(all);
        }
        for (int from = 0; from < groups.length; from++) {
            StringBuilder span = new StringBuilder();
            for (int to = from; to < groups.length && span.length() < 19; to++) {
                span.append(groups[to]);
                if (span.length() >= 13 && span.length() <= 19 && luhn(span)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The Luhn (mod 10) check every card number passes. */
    static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** The JSON paths (e.g. {@code payment.processorToken}, {@code notes[2]}) whose value looks like a PAN. */
    public static List<String> panLikePaths(JsonNode body) {
        List<String> paths = new ArrayList<>();
        walk(body, "", paths);
        return paths;
    }

    private static void walk(JsonNode node, String path, List<String> paths) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (looksLikePan(e.getKey())) {
                    paths.add(child);
                }
                walk(e.getValue(), child, paths);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", paths);
            }
        } else if (node.isTextual()) {
            if (looksLikePan(node.textValue())) {
                paths.add(path);
            }
        } else if (node.isNumber()) {
            if (looksLikePan(node.numberValue().toString()) || looksLikePan(node.asText())) {
                paths.add(path);
            }
        }
    }
}
