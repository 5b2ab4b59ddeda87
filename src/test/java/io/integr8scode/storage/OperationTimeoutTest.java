package io.integr8scode.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.client.MongoClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** A store that never answers fails an operation after integr8scode.mongodb.operation-timeout, not after minutes. */
class OperationTimeoutTest {

    @Test
    void anOperationOnAStoreThatNeverAnswersEndsWithTheOperationTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Accepts connections and never replies, like a hung server.
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        @SuppressWarnings({"resource", "unused"})
                        Socket ignored = silent.accept();
                    }
                } catch (Exception closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            MongoProperties properties = new MongoProperties("mongodb://127.0.0.1:" + silent.getLocalPort(), "test", false);

            try (MongoClient client = new MongoConfiguration().integr8scodeMongo(properties,
                    MongoConfiguration.EmbeddedMongo.NONE, Duration.ofMillis(300))) {
                assertThat(client.getTimeout(TimeUnit.MILLISECONDS)).isEqualTo(300);
                // Without a client-wide timeout this waits for server selection (10 s) and throws the plain kind.
                assertThatThrownBy(() -> client.getDatabase("test").runCommand(new Document("ping", 1)))
                        .isInstanceOf(MongoOperationTimeoutException.class);
            }
        }
    }
}
