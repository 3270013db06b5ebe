package dev.privacy.platform.runtime.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class InOrderSendsTest {

    private static final List<ProducerRecord<String, byte[]>> FIVE_OF_ONE_KEY = IntStream.rangeClosed(1, 5)
            .mapToObj(i -> new ProducerRecord<>("in-order-sends-test", "member-1", new byte[]{(byte) i}))
            .toList();

    /**
     * A real producer with no broker to reach: its first send waits max.block.ms for the topic's
     * metadata and fails before the record is queued. The rest are not handed to the producer.
     */
    @Test
    void aSendThatFailsBeforeItIsQueuedStopsTheStepAndNoLaterRecordIsSent() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + unusedPort(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {

            InOrderSends.Acknowledged result = InOrderSends.send(producer, FIVE_OF_ONE_KEY);

            assertThat(result.sent()).as("records handed to the producer").isEqualTo(1);
            assertThat(result.count()).as("acknowledged prefix").isZero();
            assertThat(result.firstFailure()).isInstanceOf(TimeoutException.class);
            assertThat(result.all(FIVE_OF_ONE_KEY.size())).isFalse();
            producer.close(Duration.ZERO);
        }
    }

    @Test
    void whenEverySendIsAcknowledgedTheWholeStepIsTheAcknowledgedPrefixInOrder() throws Exception {
        MockProducer<String, byte[]> broker = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

        InOrderSends.Acknowledged result = InOrderSends.send(broker, FIVE_OF_ONE_KEY);

        assertThat(result.count()).isEqualTo(5);
        assertThat(result.sent()).isEqualTo(5);
        assertThat(result.firstFailure()).isNull();
        assertThat(broker.history()).containsExactlyElementsOf(FIVE_OF_ONE_KEY);
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
