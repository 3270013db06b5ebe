package dev.privacy.platform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Multi-document YAML in and out, as Jackson trees. */
final class Yaml {

    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private Yaml() {
    }

    /** Every non-empty document of a file, each must be a mapping. */
    static List<ObjectNode> documents(Path file) {
        try {
            List<ObjectNode> documents = new ArrayList<>();
            try (var parser = MAPPER.getFactory().createParser(Files.readString(file))) {
                var it = MAPPER.readValues(parser, JsonNode.class);
                while (it.hasNext()) {
                    JsonNode node = it.next();
                    if (node == null || node.isNull() || node.isMissingNode()) {
                        continue;
                    }
                    if (!node.isObject()) {
                        throw new IllegalArgumentException(file + ": a document is not a mapping");
                    }
                    documents.add((ObjectNode) node);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    static ObjectNode single(Path file) {
        List<ObjectNode> documents = documents(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one document, found " + documents.size());
        }
        return documents.get(0);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
