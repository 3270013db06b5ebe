package dev.privacy.platform.infra;

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for a packaged Quarkus service in {@link ServiceProcessTest}: packed into a jar of its
 * own, it serves {@code /q/health/ready} on {@code QUARKUS_HTTP_PORT} and echoes the environment it
 * was given. With {@code FAKE_FAIL} set it prints that text and exits with code 3.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        String fail = System.getenv("FAKE_FAIL");
        if (fail != null) {
            System.out.println(fail);
            System.exit(3);
        }
        int port = Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 0);
        server.createContext("/q/health/ready", exchange -> {
            String body = String.join("\n",
                    "DB_URL=" + System.getenv("DB_URL"),
                    "DB_USER=" + System.getenv("DB_USER"),
                    "KAFKA_BOOTSTRAP=" + System.getenv("KAFKA_BOOTSTRAP"),
                    "QUARKUS_PROFILE=" + System.getenv("QUARKUS_PROFILE"),
                    "PLATFORM_RELAY_ENABLED=" + System.getenv("PLATFORM_RELAY_ENABLED"),
                    "fake.property=" + System.getProperty("fake.property"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        System.out.println("fake service listening on " + port);
    }
}
