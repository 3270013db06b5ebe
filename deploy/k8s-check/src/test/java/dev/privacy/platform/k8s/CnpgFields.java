package dev.privacy.platform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CloudNativePG publishes no Java model and no CRD on Maven Central, so its objects are checked
 * against the fields documented in its API reference (postgresql.cnpg.io/v1,
 * https://cloudnative-pg.io/documentation/current/cloudnative-pg.v1/) for the parts this repository
 * uses: every field path must be a documented one, and enumerations and formats must hold.
 * A path ending in {@code *} accepts any subtree (free-form maps such as postgresql.parameters, or
 * Kubernetes types that fabric8 checks, such as resources and affinity).
 */
final class CnpgFields {

    private static final Map<String, List<String>> DOCUMENTED = Map.of(
            "Cluster", List.of(
                    "spec.description", "spec.instances", "spec.imageName", "spec.primaryUpdateStrategy",
                    "spec.primaryUpdateMethod", "spec.enableSuperuserAccess", "spec.minSyncReplicas", "spec.maxSyncReplicas",
                    "spec.bootstrap.initdb.database", "spec.bootstrap.initdb.owner", "spec.bootstrap.initdb.secret.name",
                    "spec.bootstrap.initdb.encoding", "spec.bootstrap.initdb.localeCollate", "spec.bootstrap.initdb.localeCType",
                    "spec.bootstrap.initdb.dataChecksums",
                    "spec.postgresql.parameters.*", "spec.postgresql.pg_hba[]",
                    "spec.storage.size", "spec.storage.storageClass", "spec.walStorage.size", "spec.walStorage.storageClass",
                    "spec.resources.*", "spec.affinity.enablePodAntiAffinity", "spec.affinity.topologyKey",
                    "spec.affinity.podAntiAffinityType",
                    "spec.managed.roles[].name", "spec.managed.roles[].ensure", "spec.managed.roles[].login",
                    "spec.managed.roles[].comment", "spec.managed.roles[].inRoles[]", "spec.managed.roles[].inherit",
                    "spec.managed.roles[].passwordSecret.name", "spec.managed.roles[].connectionLimit",
                    "spec.managed.roles[].superuser", "spec.managed.roles[].createdb", "spec.managed.roles[].createrole",
                    "spec.managed.roles[].replication", "spec.managed.roles[].bypassrls", "spec.managed.roles[].disablePassword",
                    "spec.backup.retentionPolicy", "spec.backup.target",
                    "spec.backup.barmanObjectStore.destinationPath", "spec.backup.barmanObjectStore.endpointURL",
                    "spec.backup.barmanObjectStore.serverName",
                    "spec.backup.barmanObjectStore.s3Credentials.accessKeyId.name",
                    "spec.backup.barmanObjectStore.s3Credentials.accessKeyId.key",
                    "spec.backup.barmanObjectStore.s3Credentials.secretAccessKey.name",
                    "spec.backup.barmanObjectStore.s3Credentials.secretAccessKey.key",
                    "spec.backup.barmanObjectStore.s3Credentials.region.name",
                    "spec.backup.barmanObjectStore.s3Credentials.region.key",
                    "spec.backup.barmanObjectStore.s3Credentials.inheritFromIAMRole",
                    "spec.backup.barmanObjectStore.wal.compression", "spec.backup.barmanObjectStore.wal.encryption",
                    "spec.backup.barmanObjectStore.wal.maxParallel",
                    "spec.backup.barmanObjectStore.data.compression", "spec.backup.barmanObjectStore.data.encryption",
                    "spec.backup.barmanObjectStore.data.jobs",
                    "spec.monitoring.enablePodMonitor"),
            "ScheduledBackup", List.of(
                    "spec.schedule", "spec.cluster.name", "spec.backupOwnerReference", "spec.method", "spec.immediate",
                    "spec.suspend", "spec.target", "spec.online"));

    private static final Map<String, Set<String>> ENUMS = Map.ofEntries(
            Map.entry("spec.primaryUpdateStrategy", Set.of("unsupervised", "supervised")),
            Map.entry("spec.primaryUpdateMethod", Set.of("switchover", "restart")),
            Map.entry("spec.managed.roles[].ensure", Set.of("present", "absent")),
            Map.entry("spec.backup.target", Set.of("primary", "prefer-standby")),
            Map.entry("spec.target", Set.of("primary", "prefer-standby")),
            Map.entry("spec.backupOwnerReference", Set.of("none", "self", "cluster")),
            Map.entry("spec.method", Set.of("barmanObjectStore", "volumeSnapshot", "plugin")),
            Map.entry("spec.backup.barmanObjectStore.wal.compression", Set.of("bzip2", "gzip", "lz4", "snappy", "xz", "zstd")),
            Map.entry("spec.backup.barmanObjectStore.data.compression", Set.of("bzip2", "gzip", "lz4", "snappy", "xz", "zstd")),
            Map.entry("spec.backup.barmanObjectStore.wal.encryption", Set.of("AES256", "aws:kms")),
            Map.entry("spec.backup.barmanObjectStore.data.encryption", Set.of("AES256", "aws:kms")));

    /** Documented format of retentionPolicy: a number of days, weeks or months. */
    static final Pattern RETENTION = Pattern.compile("^[1-9][0-9]*[dwm]$");
    /** ScheduledBackup.schedule: a cron expression with seconds (six fields). */
    private static final Pattern SCHEDULE = Pattern.compile("^\\S+( \\S+){5}$");

    private CnpgFields() {
    }

    /** Problems of one Cluster or ScheduledBackup object; empty when it matches the documented fields. */
    static List<String> problems(JsonNode object) {
        String kind = object.path("kind").asText();
        List<String> problems = new ArrayList<>();
        if (!object.path("apiVersion").asText().equals("postgresql.cnpg.io/v1")) {
            problems.add("apiVersion must be postgresql.cnpg.io/v1");
        }
        List<String> documented = DOCUMENTED.get(kind);
        if (documented == null) {
            problems.add("kind " + kind + " is not a checked CloudNativePG kind");
            return problems;
        }
        leaves(object.path("spec"), "spec", documented, problems);
        JsonNode spec = object.path("spec");
        if (kind.equals("Cluster")) {
            if (!spec.path("instances").isInt() || spec.path("instances").asInt() < 1) {
                problems.add("spec.instances must be a positive integer");
            }
            if (spec.path("storage").path("size").isMissingNode()) {
                problems.add("spec.storage.size is required");
            }
            JsonNode retention = spec.path("backup").path("retentionPolicy");
            if (!retention.isMissingNode() && !RETENTION.matcher(retention.asText()).matches()) {
                problems.add("spec.backup.retentionPolicy must match " + RETENTION);
            }
            if (spec.path("backup").has("barmanObjectStore")
                    && spec.path("backup").path("barmanObjectStore").path("destinationPath").asText().isEmpty()) {
                problems.add("spec.backup.barmanObjectStore.destinationPath is required");
            }
        } else {
            if (!SCHEDULE.matcher(spec.path("schedule").asText()).matches()) {
                problems.add("spec.schedule must be a six-field cron expression (with seconds)");
            }
            if (spec.path("cluster").path("name").asText().isEmpty()) {
                problems.add("spec.cluster.name is required");
            }
        }
        return problems;
    }

    private static void leaves(JsonNode node, String path, List<String> documented, List<String> problems) {
        if (documented.contains(path + ".*")) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> leaves(f.getValue(), path + "." + f.getKey(), documented, problems));
        } else if (node.isArray()) {
            if (documented.contains(path + "[]")) {
                return;
            }
            for (JsonNode item : node) {
                leaves(item, path + "[]", documented, problems);
            }
        } else if (!documented.contains(path)) {
            problems.add(path + " is not a documented field");
        } else if (ENUMS.containsKey(path) && !ENUMS.get(path).contains(node.asText())) {
            problems.add(path + " must be one of " + ENUMS.get(path) + ", is " + node.asText());
        }
    }
}
