package io.buzzbeam.pipelines.collect;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the Instagram Graph API (an outside service), on 127.0.0.1 only, serving
 * realistic, deterministic bodies for the given brands: business discovery with media paging,
 * hashtag search, recent/top media with paging, usage headers, and faults on demand.
 *
 * <p>Like the real API it escapes {@code /} and non-ASCII characters in JSON, puts the access
 * token into {@code paging.next} URLs, answers a bad token with code 190, and accepts the token
 * either as {@code Authorization: Bearer} or as the {@code access_token} parameter.
 *
 * <p>For end-to-end tests (collector → pipeline): {@code try (FakeGraphApi fake =
 * FakeGraphApi.start(brands)) { new CollectCommand(out, err, Map.of(AccessToken.ENV,
 * FakeGraphApi.TOKEN), Clock.systemUTC(), Sleeper.REAL).run(fake.collectArgs(targetsFile,
 * landing)); }} fills {@code landing} with one pass.
 */
public final class FakeGraphApi implements AutoCloseable {
  /** The token the fake accepts. Long and distinctive so tests can grep for it. */
  public static final String TOKEN = "EAAGfakeTOKEN0123456789abcdefSECRETxyz";
  public static final String IG_USER_ID = "17841405309211844";
  /** Posting times count back from here, 9 hours apart. */
  public static final Instant NEWEST_POST = Instant.parse("2023-09-02T12:00:03Z");

  /** Faults the fake can inject into a matching request. */
  public enum Fault {
    THROTTLE_4, THROTTLE_17, THROTTLE_80002, TOKEN_190, UNKNOWN_USER_110, HTTP_500_JSON, HTTP_502_HTML,
    SLOW, TRUNCATED_JSON, SHORT_BODY
  }

  /** A request as the fake saw it. */
  public record Seen(String path, Map<String, String> query, boolean authorized, long nanoTime) {}

  private static final DateTimeFormatter GRAPH_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  /** followers_count per username (others: 1,000,000 + 1000 * brand index). */
  public static final Map<String, Long> FOLLOWERS = Map.ofEntries(
      Map.entry("chanelofficial", 60_412_345L), Map.entry("louisvuitton", 55_210_004L),
      Map.entry("gucci", 51_300_120L), Map.entry("dior", 45_870_333L), Map.entry("hermes", 14_120_500L),
      Map.entry("prada", 33_002_001L), Map.entry("celine", 16_450_010L),
      Map.entry("bottegaveneta", 3_120_400L), Map.entry("ysl", 12_700_800L),
      Map.entry("fendi", 19_400_321L), Map.entry("burberry", 21_050_777L));
  private static final String[] MEDIA_TYPES = {"IMAGE", "VIDEO", "CAROUSEL_ALBUM"};

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<BrandTarget> brands;
  private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
  private final List<String[]> faultQueue = new ArrayList<>(); // {pathContains, fault name}
  private final Map<String, Fault> permanentFaults = new LinkedHashMap<>();
  private final List<String[]> served = Collections.synchronizedList(new ArrayList<>()); // {path+query, body}
  private volatile int usagePercent = 5;
  private volatile long slowMillis = 1500;
  private volatile int mediaPerBrand = 40;
  private volatile int mediaPerHashtag = 30;

  private FakeGraphApi(List<BrandTarget> brands) throws IOException {
    this.brands = List.copyOf(brands);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeGraphApi start(List<BrandTarget> brands) throws IOException {
    return new FakeGraphApi(brands);
  }

  /** {@code http://127.0.0.1:PORT}: pass as {@code --graphApiBase}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Arguments for one fast pass against this fake (tiny backoff so fault tests stay quick). */
  public String[] collectArgs(Path targets, Path landing, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "--targets=" + targets, "--landing=" + landing, "--once", "--igUserId=" + IG_USER_ID,
        "--graphApiBase=" + baseUrl(), "--retryBase=10ms", "--retryCap=50ms", "--maxRetryTime=5s",
        "--requestTimeout=5s", "--usagePauseMax=200ms"));
    args.addAll(List.of(extra));
    return args.toArray(new String[0]);
  }

  /** The next request whose path or decoded query contains {@code pathContains} gets {@code fault}. */
  public synchronized FakeGraphApi failNext(String pathContains, Fault... faults) {
    for (Fault f : faults) {
      faultQueue.add(new String[] {pathContains, f.name()});
    }
    return this;
  }

  /** Every request whose path or query contains {@code pathContains} gets {@code fault}. */
  public synchronized FakeGraphApi failAlways(String pathContains, Fault fault) {
    permanentFaults.put(pathContains, fault);
    return this;
  }

  public FakeGraphApi usagePercent(int percent) {
    this.usagePercent = percent;
    return this;
  }

  public FakeGraphApi slowMillis(long millis) {
    this.slowMillis = millis;
    return this;
  }

  public FakeGraphApi mediaPerBrand(int n) {
    this.mediaPerBrand = n;
    return this;
  }

  public FakeGraphApi mediaPerHashtag(int n) {
    this.mediaPerHashtag = n;
    return this;
  }

  public List<Seen> requests() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  /** Successful bodies served, in order, as {path-and-decoded-query, body}. */
  public List<String[]> servedBodies() {
    synchronized (served) {
      return List.copyOf(served);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------------------------------------

  private void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getRawPath();
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      boolean authorized = ("Bearer " + TOKEN).equals(auth) || TOKEN.equals(q.get("access_token"));
      seen.add(new Seen(path, q, authorized, System.nanoTime()));
      String key = path + "?" + q;
      Fault fault = takeFault(key);
      if (fault == Fault.SLOW) {
        Thread.sleep(slowMillis);
        fault = null;
      }
      if (!authorized) {
        fault = Fault.TOKEN_190;
      }
      if (fault != null && fault != Fault.TRUNCATED_JSON && fault != Fault.SHORT_BODY) {
        sendFault(ex, fault);
        return;
      }
      Object[] r = route(path, q);
      int status = (Integer) r[0];
      String body = facebookStyle((ObjectNode) r[1]);
      if (fault == Fault.TRUNCATED_JSON) {
        send(ex, 200, body.substring(0, body.length() / 2), true);
      } else if (fault == Fault.SHORT_BODY) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        usageHeaders(ex);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(200, bytes.length);
        OutputStream os = ex.getResponseBody();
        os.write(bytes, 0, bytes.length / 2);
        os.flush();
        try {
          os.close();
        } catch (IOException expected) {
          // "insufficient bytes written": the connection is dropped mid-body, as intended
        }
      } else {
        if (status == 200) {
          served.add(new String[] {key, body});
        }
        send(ex, status, body, false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientGone) {
      // the collector timed out and went away; nothing to answer
    } catch (RuntimeException e) {
      e.printStackTrace();
      send(ex, 500, "{\"error\":{\"message\":\"fake bug: " + e + "\",\"code\":1}}", false);
    } finally {
      ex.close();
    }
  }

  private synchronized Fault takeFault(String key) {
    for (int i = 0; i < faultQueue.size(); i++) {
      if (key.contains(faultQueue.get(i)[0])) {
        return Fault.valueOf(faultQueue.remove(i)[1]);
      }
    }
    for (Map.Entry<String, Fault> e : permanentFaults.entrySet()) {
      if (key.contains(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  private Object[] route(String path, Map<String, String> q) {
    String[] parts = path.split("/");
    // parts: "", "v21.0", node [, edge]
    if (parts.length == 3 && parts[2].equals(IG_USER_ID) && q.getOrDefault("fields", "").startsWith("business_discovery")) {
      return businessDiscovery(path, q);
    }
    if (parts.length == 3 && parts[2].equals("ig_hashtag_search")) {
      ObjectNode root = JSON.createObjectNode();
      root.putArray("data").addObject().put("id", hashtagId(q.getOrDefault("q", "")));
      return new Object[] {200, root};
    }
    if (parts.length == 4 && (parts[3].equals("recent_media") || parts[3].equals("top_media"))) {
      return hashtagMedia(path, parts[2], parts[3], q);
    }
    return new Object[] {400, graphError("Unsupported get request. Object with ID '" + parts[parts.length - 1]
        + "' does not exist", "GraphMethodException", 100, 33)};
  }

  private static final Pattern BD_USER = Pattern.compile("business_discovery\\.username\\(([^)]+)\\)");
  private static final Pattern BD_AFTER = Pattern.compile("media\\.after\\(([^)]+)\\)");
  private static final Pattern BD_LIMIT = Pattern.compile("media(?:\\.after\\([^)]+\\))?\\.limit\\((\\d+)\\)");

  private Object[] businessDiscovery(String path, Map<String, String> q) {
    String fields = q.get("fields");
    Matcher u = BD_USER.matcher(fields);
    int brandIndex = u.find() ? indexOfUsername(u.group(1)) : -1;
    if (brandIndex < 0) {
      return new Object[] {400, graphError("Invalid user id", "OAuthException", 110, 2207013)};
    }
    String username = brands.get(brandIndex).username();
    Matcher a = BD_AFTER.matcher(fields);
    int offset = a.find() ? decodeCursor(a.group(1)) : 0;
    Matcher l = BD_LIMIT.matcher(fields);
    int limit = l.find() ? Integer.parseInt(l.group(1)) : 25;

    ObjectNode root = JSON.createObjectNode();
    ObjectNode bd = root.putObject("business_discovery");
    bd.put("id", String.valueOf(17841400000000000L + brandIndex + 1));
    bd.put("username", username);
    bd.put("name", username.replace("official", "").toUpperCase(java.util.Locale.ROOT));
    bd.put("followers_count", FOLLOWERS.getOrDefault(username, 1_000_000L + 1000L * brandIndex));
    bd.put("follows_count", brandIndex % 3);
    bd.put("media_count", 3000 + 100 * brandIndex);
    ObjectNode media = bd.putObject("media");
    ArrayNode data = media.putArray("data");
    int end = Math.min(mediaPerBrand, offset + limit);
    for (int i = offset; i < end; i++) {
      data.add(brandMedia(brandIndex, i));
    }
    String nextFields = fields.replaceFirst("media(?=[.{])(\\.after\\([^)]+\\))?", "media.after(" + cursor(end) + ")");
    paging(media, offset, end, mediaPerBrand, path + "?fields=" + nextFields);
    root.put("id", IG_USER_ID);
    return new Object[] {200, root};
  }

  /** The i-th newest media of brand b (0-based both): hand-checkable ids and times. */
  public static String brandMediaId(int brandIndex, int i) {
    return String.valueOf(17900000000000000L + (brandIndex + 1) * 1000L + i);
  }

  private ObjectNode brandMedia(int b, int i) {
    BrandTarget brand = brands.get(b);
    ObjectNode m = JSON.createObjectNode();
    m.put("id", brandMediaId(b, i));
    if (i % 11 != 7) { // now and then a post without caption, as the seed's logs show
      m.put("caption", "The new collection " + (i + 1) + " 새로운 컬렉션을 만나보세요 "
          + String.join(" ", brand.hashtags().stream().map(t -> "#" + t).toList()));
    }
    m.put("comments_count", 100 + 7 * i);
    m.put("like_count", 10_000 + 250 * i);
    String type = MEDIA_TYPES[i % 3];
    m.put("media_type", type);
    m.put("media_product_type", type.equals("VIDEO") && i % 2 == 1 ? "REELS" : "FEED");
    if (!(type.equals("VIDEO") && i % 4 == 1)) { // copyrighted videos come without media_url
      m.put("media_url", "https://scontent.cdninstagram.com/v/t51.29350-15/" + brandMediaId(b, i) + "_n.jpg");
    }
    m.put("permalink", "https://www.instagram.com/p/Cw" + Long.toString(Long.parseLong(brandMediaId(b, i)), 36) + "/");
    m.put("timestamp", GRAPH_TIME.format(NEWEST_POST.minusSeconds(9L * 3600 * i + 60L * b)));
    m.put("username", brand.username());
    return m;
  }

  private Object[] hashtagMedia(String path, String hashtagId, String edge, Map<String, String> q) {
    if (!q.containsKey("user_id")) {
      return new Object[] {400, graphError("(#100) The parameter user_id is required", "OAuthException", 100, null)};
    }
    int offset = q.containsKey("after") ? decodeCursor(q.get("after")) : 0;
    int limit = Integer.parseInt(q.getOrDefault("limit", "25"));
    ObjectNode root = JSON.createObjectNode();
    ArrayNode data = root.putArray("data");
    int end = Math.min(mediaPerHashtag, offset + limit);
    long tagNo = Long.parseLong(hashtagId) % 100_000;
    for (int i = offset; i < end; i++) {
      ObjectNode m = data.addObject();
      m.put("id", String.valueOf(18000000000000000L + tagNo * 1000 + (edge.equals("top_media") ? 500 : 0) + i));
      m.put("caption", "오늘의 데일리룩 #ootd #" + hashtagName(hashtagId) + " " + (i + 1));
      m.put("comments_count", i % 5);
      if (i % 3 != 2) { // hidden like counts are common on hashtag media
        m.put("like_count", 3 * i + 1);
      }
      m.put("media_type", MEDIA_TYPES[i % 3]);
      if (i % 6 != 5) {
        m.put("media_url", "https://scontent.cdninstagram.com/v/t51.2885-15/h" + tagNo + "_" + i + ".jpg");
      }
      m.put("permalink", "https://www.instagram.com/p/Ch" + tagNo + "x" + i + "/");
      m.put("timestamp", GRAPH_TIME.format(NEWEST_POST.minusSeconds(600L * i + tagNo % 600)));
    }
    StringBuilder nextBase = new StringBuilder(path).append("?user_id=").append(q.get("user_id"))
        .append("&fields=").append(q.getOrDefault("fields", "")).append("&limit=").append(limit)
        .append("&after=").append(cursor(end));
    paging(root, offset, end, mediaPerHashtag, nextBase.toString());
    return new Object[] {200, root};
  }

  /**
   * Cursor paging as Graph API does it; {@code next} (only when more remain) holds the access
   * token, like the real one. {@code next} is path and query of the next page, without the token.
   */
  private void paging(ObjectNode parent, int offset, int end, int total, String next) {
    ObjectNode paging = parent.putObject("paging");
    ObjectNode cursors = paging.putObject("cursors");
    cursors.put("before", cursor(offset));
    cursors.put("after", cursor(end));
    if (end < total) {
      paging.put("next", baseUrl() + next.replaceFirst("\\?", "?access_token=" + TOKEN + "&"));
    }
  }

  private static String cursor(int offset) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("QVFIU-offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int decodeCursor(String c) {
    String s = new String(Base64.getUrlDecoder().decode(c), StandardCharsets.UTF_8);
    return Integer.parseInt(s.substring(s.indexOf(':') + 1));
  }

  private int indexOfUsername(String username) {
    for (int i = 0; i < brands.size(); i++) {
      if (brands.get(i).username().equals(username)) {
        return i;
      }
    }
    return -1;
  }

  private final Map<String, String> hashtagNames = Collections.synchronizedMap(new LinkedHashMap<>());

  /** A stable 17-digit id per hashtag name, as Instagram's are. */
  public String hashtagId(String name) {
    long h = 0;
    for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
      h = h * 131 + (x & 0xff);
    }
    String id = String.valueOf(17843000000000000L + Math.floorMod(h, 100_000L) * 10_000L);
    hashtagNames.put(id, name);
    return id;
  }

  private String hashtagName(String id) {
    return hashtagNames.getOrDefault(id, "unknown");
  }

  private static ObjectNode graphError(String message, String type, int code, Integer subcode) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode e = root.putObject("error");
    e.put("message", message);
    e.put("type", type);
    e.put("code", code);
    if (subcode != null) {
      e.put("error_subcode", subcode);
    }
    e.put("fbtrace_id", "AbCdEf" + code + "XyZ");
    return root;
  }

  private void sendFault(HttpExchange ex, Fault f) throws IOException {
    switch (f) {
      case THROTTLE_4: {
        ObjectNode e = graphError("(#4) Application request limit reached", "OAuthException", 4, null);
        ((ObjectNode) e.get("error")).put("is_transient", true);
        send(ex, 403, facebookStyle(e), false);
        break;
      }
      case THROTTLE_17:
        send(ex, 400, facebookStyle(graphError("(#17) User request limit reached", "OAuthException", 17, 2446079)), false);
        break;
      case THROTTLE_80002:
        send(ex, 400, facebookStyle(graphError("(#80002) There have been too many calls to this Instagram account. "
            + "Wait a bit and try again.", "OAuthException", 80002, null)), false);
        break;
      case TOKEN_190:
        send(ex, 400, facebookStyle(graphError("Error validating access token: Session has expired on Sunday, "
            + "03-Sep-23 04:00:00 PDT. The current time is Sunday, 03-Sep-23 05:12:44 PDT.", "OAuthException", 190, 463)), false);
        break;
      case UNKNOWN_USER_110:
        send(ex, 400, facebookStyle(graphError("Invalid user id", "OAuthException", 110, 2207013)), false);
        break;
      case HTTP_500_JSON: {
        ObjectNode e = graphError("An unknown error has occurred.", "OAuthException", 1, null);
        ((ObjectNode) e.get("error")).put("is_transient", true);
        send(ex, 500, facebookStyle(e), false);
        break;
      }
      case HTTP_502_HTML:
        ex.getResponseHeaders().set("Content-Type", "text/html");
        byte[] html = "<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>"
            .getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(502, html.length);
        ex.getResponseBody().write(html);
        break;
      default:
        throw new IllegalStateException("not a response fault: " + f);
    }
  }

  private void usageHeaders(HttpExchange ex) {
    int p = usagePercent;
    ex.getResponseHeaders().set("X-App-Usage",
        "{\"call_count\":" + p + ",\"total_cputime\":" + Math.max(1, p / 2) + ",\"total_time\":" + Math.max(1, p / 3) + "}");
    ex.getResponseHeaders().set("X-Business-Use-Case-Usage", "{\"" + IG_USER_ID + "\":[{\"type\":\"instagram\","
        + "\"call_count\":" + Math.max(1, p / 4) + ",\"total_cputime\":1,\"total_time\":1,\"estimated_time_to_regain_access\":0}]}");
  }

  private void send(HttpExchange ex, int status, String body, boolean chunked) throws IOException {
    usageHeaders(ex);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, chunked ? 0 : bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9A-F]{4})");

  /** Graph API style: non-ASCII as lowercase backslash-u escapes and '/' as '\/'. */
  private static String facebookStyle(ObjectNode node) {
    try {
      String json = JSON.writeValueAsString(node).replace("/", "\\/");
      return UNICODE_ESCAPE.matcher(json).replaceAll(m -> "\\\\u" + m.group(1).toLowerCase(java.util.Locale.ROOT));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }
}
