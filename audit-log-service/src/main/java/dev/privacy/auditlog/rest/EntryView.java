package dev.privacy.auditlog.rest;

import dev.privacy.auditlog.domain.AuditEntry;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An entry as compliance sees it: every field its leaf hash covers, and its chain hashes. */
public record EntryView(long sequence, UUID entryId, Instant recordedAt, Instant occurredAt, String sourceTopic,
                        String sourceService, String sourceType, UUID sourceEventId, String category, String actorId,
                        String actorRole, String action, UUID memberId, List<String> fields, String purpose,
                        String dataHash, String leafHash, String previousHash, String hash, Instant purgedAt) {

    static EntryView of(AuditEntry e) {
        return new EntryView(e.sequence, e.entryId, e.recordedAt, e.occurredAt, e.sourceTopic, e.sourceService,
                e.sourceType, e.sourceEventId, e.category, e.actorId, e.actorRole, e.action, e.memberId,
                e.fields == null ? List.of() : Arrays.asList(e.fields.split(",")), e.purpose, e.dataHash, e.leafHash,
                e.previousHash, e.hash, e.purgedAt);
    }

    static final List<String> CSV_HEADER = List.of("sequence", "entryId", "recordedAt", "occurredAt", "sourceTopic",
            "sourceService", "sourceType", "sourceEventId", "category", "actorId", "actorRole", "action", "memberId",
            "fields", "purpose", "dataHash", "leafHash", "previousHash", "hash", "purgedAt");

    /** One CSV row (RFC 4180 quoting); fields are joined by ';' inside their cell. */
    String csvRow() {
        return String.join(",", List.of(Long.toString(sequence), str(entryId), str(recordedAt), str(occurredAt),
                        str(sourceTopic), str(sourceService), str(sourceType), str(sourceEventId), str(category),
                        str(actorId), str(actorRole), str(action), str(memberId), String.join(";", fields),
                        str(purpose), str(dataHash), str(leafHash), str(previousHash), str(hash), str(purgedAt))
                .stream().map(EntryView::quote).toList());
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String quote(String cell) {
        // Also neutralise spreadsheet formulas (CSV injection) in free-text cells such as actorId.
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
