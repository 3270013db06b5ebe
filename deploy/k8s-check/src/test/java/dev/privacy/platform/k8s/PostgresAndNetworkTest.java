package dev.privacy.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each service's database (CloudNativePG), its backups against crypto-shredding, and the network paths. */
class PostgresAndNetworkTest {

    static final List<String> SERVICES = Repo.SERVICES;
    private final Rendered prod = Rendered.overlay("prod");

    static String clusterOf(Rendered rendered, String service) {
        JsonNode env = KafkaManifestsTest.env(rendered.container(service), "DB_PASSWORD");
        return env.at("/valueFrom/secretKeyRef/name").asText().replaceFirst("-app$", "");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void eachServiceOwnsOneDatabaseClusterWithItsOwnRoleAndProdBackups(String service) {
        String cluster = clusterOf(prod, service);
        JsonNode spec = prod.get("Cluster", cluster).path("spec");

        assertThat(prod.get("Cluster", cluster).at("/metadata/labels/privacy-platform~1owner").asText()).isEqualTo(service);
        assertThat(spec.at("/bootstrap/initdb/database").asText()).isNotEmpty();
        assertThat(spec.at("/bootstrap/initdb/owner").asText()).isNotEmpty();
        assertThat(spec.path("instances").asInt()).isEqualTo(3);
        assertThat(spec.at("/backup/barmanObjectStore/destinationPath").asText()).startsWith("s3://");
        assertThat(prod.kind("ScheduledBackup").stream().filter(b -> b.at("/spec/cluster/name").asText().equals(cluster)))
                .as("ScheduledBackup of " + cluster).hasSize(1);
        assertThat(Rendered.overlay("dev").get("Cluster", cluster).path("spec").path("instances").asInt()).isEqualTo(1);
    }

    @Test
    void memberDatabaseHasTheSeparatedStoreRoleTheCodeUses() {
        String role = ServiceCode.of("member-service").value("member.separated.role");
        JsonNode spec = prod.get("Cluster", clusterOf(prod, "member-service")).path("spec");
        String owner = spec.at("/bootstrap/initdb/owner").asText();

        List<String> granted = new ArrayList<>();
        boolean declared = false;
        for (JsonNode managed : spec.at("/managed/roles")) {
            if (managed.path("name").asText().equals(role)) {
                declared = true;
                assertThat(managed.path("login").asBoolean(true)).as(role + " NOLOGIN").isFalse();
            }
            if (managed.path("name").asText().equals(owner)) {
                managed.path("inRoles").forEach(r -> granted.add(r.asText()));
            }
        }
        assertThat(declared).as("managed role " + role).isTrue();
        assertThat(granted).as(owner + " may SET ROLE " + role).contains(role);
    }

    /**
     * Crypto-shredding: a destroyed data key lives on in every backup taken before, until that backup
     * expires. retentionPolicy plus the base-backup interval (daily) must fit in the deadline for
     * answering a deletion request (P20, member.privacy-desk.response-deadline).
     */
    @Test
    void backupsForgetADestroyedKeyWithinTheDeletionDeadline() {
        int deadlineDays = Period.parse(ServiceCode.of("member-service").value("member.privacy-desk.response-deadline")).getDays();
        for (JsonNode cluster : prod.kind("Cluster")) {
            String retention = cluster.at("/spec/backup/retentionPolicy").asText();
            assertThat(retention).as(Rendered.name(cluster)).matches(CnpgFields.RETENTION);
            int unit = switch (retention.charAt(retention.length() - 1)) {
                case 'd' -> 1;
                case 'w' -> 7;
                default -> 31;
            };
            int retentionDays = Integer.parseInt(retention.substring(0, retention.length() - 1)) * unit;
            assertThat(retentionDays + 1).as(Rendered.name(cluster) + " retention + daily interval").isLessThanOrEqualTo(deadlineDays);
        }
        for (JsonNode backup : prod.kind("ScheduledBackup")) {
            String[] cron = backup.at("/spec/schedule").asText().split(" ");
            assertThat(cron[3] + cron[4] + cron[5]).as(Rendered.name(backup) + " runs daily").isEqualTo("***");
        }
    }

    @Test
    void networkIsDefaultDenyWithOnlyTheArchitecturesPaths() {
        JsonNode deny = prod.get("NetworkPolicy", "default-deny").path("spec");
        assertThat(deny.path("podSelector").isEmpty()).isTrue();
        assertThat(deny.path("policyTypes").toString()).contains("Ingress", "Egress");
        assertThat(deny.has("ingress") || deny.has("egress")).isFalse();

        for (String service : SERVICES) {
            JsonNode spec = prod.get("NetworkPolicy", service).path("spec");
            String text = spec.toString();
            assertThat(spec.at("/ingress/0/from/0/namespaceSelector/matchLabels/privacy-platform~1ingress").asText()).isEqualTo("allowed");
            assertThat(spec.at("/ingress/0/ports/0/port").asInt()).isEqualTo(8080);
            List<String> databases = new ArrayList<>();
            List<String> services = new ArrayList<>();
            for (JsonNode rule : spec.path("egress")) {
                rule.path("to").forEach(to -> {
                    String db = to.at("/podSelector/matchLabels/cnpg.io~1cluster").asText();
                    if (!db.isEmpty()) {
                        databases.add(db);
                    }
                    String other = to.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText();
                    if (!other.isEmpty()) {
                        services.add(other);
                    }
                });
            }
            assertThat(databases).as(service + " reaches only its database").containsExactly(clusterOf(prod, service));
            // disclosure-service reads the approved fields from member-service; member-service checks each
            // release's approval back at disclosure-service (P10); no other service calls another
            List<String> calls = switch (service) {
                case "disclosure-service" -> List.of("member-service");
                case "member-service" -> List.of("disclosure-service");
                default -> List.of();
            };
            assertThat(services).as(service + " calls").isEqualTo(calls);
            assertThat(text).contains("\"port\":53", "\"port\":9092", "\"port\":9093", "\"port\":5432");
        }
        assertThat(prod.get("NetworkPolicy", "member-service").path("spec").toString())
                .as("member-service accepts disclosure-service").contains("\"app.kubernetes.io/name\":\"disclosure-service\"");
        assertThat(prod.get("ConfigMap", "disclosure-service-config").at("/data/MEMBER_SERVICE_URL").asText())
                .isEqualTo("http://member-service:8080");
        assertThat(prod.get("NetworkPolicy", "disclosure-service").path("spec").path("ingress").toString())
                .as("disclosure-service accepts member-service").contains("\"app.kubernetes.io/name\":\"member-service\"");
        assertThat(prod.get("ConfigMap", "member-service-config").at("/data/DISCLOSURE_SERVICE_URL").asText())
                .isEqualTo("http://disclosure-service:8080");
    }
}
