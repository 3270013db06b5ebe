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
