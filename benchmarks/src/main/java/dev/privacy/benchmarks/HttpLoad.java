package dev.privacy.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP load: {@code connections} workers each send one request, wait for the answer,
 * and send the next, for a fixed time. Bounded in count and time, loopback only.
 */
final class HttpLoad {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Runs {@code requestFor(worker)} requests; answers with a status other than {@code expected} count as errors. */
    LoadResult run(String name, int connections, Duration duration, int expectedStatus,
                   IntFunction<HttpRequest> requestFor) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(connections);
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        List<Future<long[]>> results = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            int worker = w;
            results.add(workers.submit(() -> {
                long[] latencies = new long[1 << 16];
                int count = 0;
                int sequence = 0;
                while (System.nanoTime() < deadline && count < latencies.length) {
                    HttpRequest request = requestFor.apply(worker * 1_000_000 + sequence++);
                    long sent = System.nanoTime();
                    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    long took = (System.nanoTime() - sent) / 1000;
                    if (response.statusCode() != expectedStatus) {
                        errors.incrementAndGet();
                    } else {
                        latencies[count++] = took;
                    }
                }
                return java.util.Arrays.copyOf(latencies, count);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> result : results) {
            all.add(result.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        workers.shutdown();
        long[] merged = all.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        return new LoadResult(name, merged.length, errors.get(), seconds, merged);
    }

    static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build();
    }

    static HttpRequest postJson(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
