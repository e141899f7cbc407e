package io.buzzbeam.pipelines.sinks;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;

/**
 * How long a {@link MongoClient} of a run waits on MongoDB, in seconds ({@code
 * --mongoConnectTimeoutSeconds}, {@code --mongoSocketTimeoutSeconds}, {@code
 * --mongoServerSelectionTimeoutSeconds}): opening a connection (0: no limit), each wait for an
 * answer (0: no limit; the driver's own default, so a server that stops answering would hang a
 * run forever), and finding a server to send an operation to — what fails a write once the server
 * is gone. The same options written into the connection string win over these.
 */
public record MongoTimeouts(int connectSeconds, int socketSeconds, int serverSelectionSeconds)
    implements Serializable {
  public static final int DEFAULT_CONNECT_SECONDS = 30;
  public static final int DEFAULT_SOCKET_SECONDS = 180;
  public static final int DEFAULT_SERVER_SELECTION_SECONDS = 30;

  public static final MongoTimeouts DEFAULTS =
      new MongoTimeouts(DEFAULT_CONNECT_SECONDS, DEFAULT_SOCKET_SECONDS, DEFAULT_SERVER_SELECTION_SECONDS);

  /** A client for {@code uri} with these timeouts where the URI sets none. */
  public MongoClient client(String uri) {
    ConnectionString cs = new ConnectionString(uri);
    MongoClientSettings settings =
        MongoClientSettings.builder()
            .applyConnectionString(cs)
            .applyToSocketSettings(
                b -> {
                  if (cs.getConnectTimeout() == null) {
                    b.connectTimeout(connectSeconds, TimeUnit.SECONDS);
                  }
                  if (cs.getSocketTimeout() == null) {
                    b.readTimeout(socketSeconds, TimeUnit.SECONDS);
                  }
                })
            .applyToClusterSettings(
                b -> {
                  if (cs.getServerSelectionTimeout() == null) {
                    b.serverSelectionTimeout(serverSelectionSeconds, TimeUnit.SECONDS);
                  }
                })
            .build();
    return MongoClients.create(settings);
  }
}
