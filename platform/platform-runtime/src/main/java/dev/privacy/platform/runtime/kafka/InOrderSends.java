package dev.privacy.platform.runtime.kafka;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Sends a relay step's records in their order and says how long a prefix the broker acknowledged.
 *
 * <p>It stops sending at the first record whose send failed before it was queued: the producer
 * could not get the topic's metadata within {@code max.block.ms}, as a new producer does after a
 * broker failure. Going on would do harm twice. Each later record would block as long again (a
 * step of 500 records, over an hour), and one sent after the broker came back would reach its
 * partition ahead of the earlier record of its key that never left. A consumer cannot tell that
 * early copy from a key's legitimate first event, so it would act on the key's events out of order.
 * Records after the first failure are not acknowledged in any case: the step sends them again.
 */
public final class InOrderSends {

    private InOrderSends() {
    }

    /**
     * @param count        the acknowledged prefix: records {@code 0..count-1} are on their partitions
     * @param sent         how many records were handed to the producer (the rest were held back)
     * @param firstFailure why record {@code count} was not acknowledged; null when all were
     */
    public record Acknowledged(int count, int sent, Throwable firstFailure) {
        public boolean all(int records) {
            return count == records;
        }
    }

    public static Acknowledged send(Producer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records)
            throws InterruptedException {
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            Future<RecordMetadata> send = producer.send(record);
            sends.add(send);
            if (failedAlready(send)) {
                break;
            }
        }
        producer.flush();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get();
            } catch (ExecutionException e) {
                return new Acknowledged(i, sends.size(), e.getCause());
            }
        }
        return new Acknowledged(sends.size(), sends.size(), null);
    }

    private static boolean failedAlready(Future<RecordMetadata> send) throws InterruptedException {
        if (!send.isDone()) {
            return false;
        }
        try {
            send.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }
}
