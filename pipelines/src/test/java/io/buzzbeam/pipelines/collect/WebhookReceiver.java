package io.buzzbeam.pipelines.collect;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A Slack-compatible incoming webhook on 127.0.0.1 that records what it was sent. */
public final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

  private WebhookReceiver(int status) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/services/T000/B000/hook", ex -> {
      bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] ok = (status == 200 ? "ok" : "error").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, ok.length);
      ex.getResponseBody().write(ok);
      ex.close();
    });
    server.start();
  }

  public static WebhookReceiver start() throws IOException {
    return new WebhookReceiver(200);
  }

  /** A webhook that records what it is sent and answers every POST with HTTP {@code status}. */
  public static WebhookReceiver answering(int status) throws IOException {
    return new WebhookReceiver(status);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T000/B000/hook";
  }

  public List<String> bodies() {
    synchronized (bodies) {
      return List.copyOf(bodies);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
