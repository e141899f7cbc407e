package io.buzzbeam.pipelines.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Instaloader output for the #육아일기 crawl (SPEC §1b): per parent account, one file per post,
 * {@code instaloader/<username>/<YYYY-MM-DD_HH-MM-SS_UTC>.json} (some {@code .json.xz}, as
 * Instaloader compresses by default), plus the account's {@code <username>_<id>.json[.xz]}
 * profile metadata (node_type Profile, which the pipeline skips).
 *
 * <p>Both node shapes occur: the logged-out GraphQL node ({@code taken_at_timestamp},
 * {@code edge_media_to_caption}, {@code edge_media_preview_like} or {@code edge_liked_by}, …) and
 * the logged-in one ({@code date}, {@code caption} string, {@code comments} int, full {@code owner}
 * profile). Like Python's {@code json.dump}, non-ASCII text is written as {@code \\uXXXX} escapes.
 */
final class InstaloaderWriter {
  static final String VERSION = "4.10.3";
  /** Days of account history crawled before the first collection day. */
  static final int HISTORY_DAYS = 14;
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss").withZone(ZoneOffset.UTC);

  /** A crawled parent account. */
  record Parent(String username, String fullName, String biography, long followers, int follows,
      ParentingCaptions.Child child, int ageMonthsAtStart) {}

  static final List<Parent> PERSONAS =
      List.of(
          new Parent("minjun_mom_diary", "민준맘 🍼", "2022.09 민준이 👶 육아일기 기록용", 4_820, 612,
              new ParentingCaptions.Child("민준이", "민준아", true, false), 11),
          new Parent("seoa.daily", "서아네 일상", "딸 둘 엄마 | 서아 2021 💕 육아 소통해요", 12_300, 980,
              new ParentingCaptions.Child("서아", "서아야", false, false), 26),
          new Parent("twin_papa_log", "쌍둥이아빠", "아들 쌍둥이 아빠의 육아 기록 👣👣", 2_140, 301,
              new ParentingCaptions.Child("둥이", "둥이들아", true, true), 8),
          new Parent("haeun_growing", "하은맘", "하은이 성장일기 🌸 워킹맘", 930, 455,
              new ParentingCaptions.Child("하은이", "하은아", false, false), 5),
          new Parent("junu_n_mom", "준우엄마", "준우 2020 | 아들맘 | 이유식 기록", 23_600, 1_204,
              new ParentingCaptions.Child("준우", "준우야", true, false), 34),
          new Parent("jiyul.baby", "지율이네", "지율 👶 2023.02 초보맘 육아일기", 1_560, 702,
              new ParentingCaptions.Child("지율이", "지율아", false, false), 6),
          new Parent("doyun_papa", "도윤아빠", "육아하는 아빠 🧸 도윤이와 함께", 3_410, 388,
              new ParentingCaptions.Child("도윤이", "도윤아", true, false), 15),
          new Parent("yerin_mommy", "예린맘", "예린이 돌까지 매일 기록 ✨", 7_050, 833,
              new ParentingCaptions.Child("예린이", "예린아", false, false), 10));

  private final Path dir;
  private final GeneratorConfig cfg;
  private final SummaryTally tally;
  private final JsonFactory factory =
      JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  InstaloaderWriter(Path dir, GeneratorConfig cfg, SummaryTally tally) {
    this.dir = dir;
    this.cfg = cfg;
    this.tally = tally;
  }

  /** Persona {@code i}; beyond the eight named ones, numbered variants of them. */
  static Parent persona(int i) {
    Parent p = PERSONAS.get(i % PERSONAS.size());
    if (i < PERSONAS.size()) {
      return p;
    }
    int n = i / PERSONAS.size() + 1;
    return new Parent(p.username() + "_" + n, p.fullName(), p.biography(), p.followers() / n + 100,
        p.follows(), p.child(), (p.ageMonthsAtStart() + 7 * n) % 36);
  }

  void write() throws IOException {
    for (int a = 0; a < cfg.crawlAccounts(); a++) {
      writeAccount(a, persona(a));
    }
  }

  private void writeAccount(int a, Parent parent) throws IOException {
    long seed = cfg.seed();
    Path accountDir = dir.resolve(parent.username());
    Files.createDirectories(accountDir);
    String ownerId = Long.toString(40_000_000_000L + Math.floorMod(Rand.hash(seed, 91, a), 20_000_000_000L));
    // Profile metadata, as Instaloader saves next to the posts: not a Post, skipped by the pipeline.
    String profileName = parent.username() + "_" + ownerId + (a % 2 == 0 ? ".json" : ".json.xz");
    writeFile(accountDir.resolve(profileName), g -> {
      g.writeStartObject();
      g.writeFieldName("node");
      owner(g, parent, ownerId);
      instaloader(g, "Profile");
      g.writeEndObject();
    });
    tally.skippedFiles++;

    List<Instant> times = new ArrayList<>();
    LocalDate first = cfg.startDate().minusDays(HISTORY_DAYS);
    for (LocalDate d = first; d.isBefore(cfg.startDate().plusDays(cfg.days())); d = d.plusDays(1)) {
      int n = Rand.poisson(Rand.hash(seed, 92, a, d.toEpochDay()), 1.1);
      for (int i = 0; i < n; i++) {
        long h = Rand.hash(seed, 93, a, d.toEpochDay(), i);
        int hour = Rand.weighted(h, PostingTimes.PARENT_HOUR_WEIGHTS);
        times.add(d.atTime(hour, Rand.below(Rand.mix(h + 1), 60), Rand.below(Rand.mix(h + 2), 60))
            .atZone(BrandTimeline.SEOUL).toInstant());
      }
    }
    times.sort(null);
    int index = 0;
    Instant previous = null;
    for (Instant t : times) {
      if (t.equals(previous)) {
        continue; // file names are per second
      }
      previous = t;
      writePost(a, parent, ownerId, index++, t, first);
    }
  }

  private void writePost(int a, Parent parent, String ownerId, int index, Instant t, LocalDate first)
      throws IOException {
    long seed = cfg.seed();
    long h = Rand.hash(seed, 94, a, index);
    String id = Ids.mediaId(seed, 60 + (a % 40), index + 1000L * (a / 40));
    String shortcode = Ids.shortcode(id);
    int ageMonths = parent.ageMonthsAtStart()
        + (int) ((t.getEpochSecond() - cfg.startDate().toEpochDay() * 86400) / (30L * 86400));
    String caption = ParentingCaptions.caption(Rand.mix(h + 1), parent.child(), Math.max(1, ageMonths));
    int kind = Rand.weighted(Rand.mix(h + 2), new double[] {0.5, 0.35, 0.15});
    String typename = kind == 0 ? "GraphImage" : kind == 1 ? "GraphSidecar" : "GraphVideo";
    boolean video = kind == 2;
    boolean clips = video && Rand.unit(Rand.mix(h + 3)) < 0.6;
    long likes = Math.round(parent.followers() * Rand.logNormal(Rand.mix(h + 4), 0.03, 0.6));
    long comments = Math.round(likes * Rand.logNormal(Rand.mix(h + 5), 0.06, 0.7));
    // The first post of an account is in the logged-out shape, the second logged-in, the rest mixed.
    boolean loggedIn = index == 1 || (index > 1 && Rand.unit(Rand.mix(h + 6)) < 0.5);
    boolean xz = (a == 0 && index == 0) || Rand.unit(Rand.mix(h + 7)) < 0.35;
    String displayUrl = Ids.mediaUrl(id, "IMAGE");
    Path file = dir.resolve(parent.username())
        .resolve(FILE_TIME.format(t) + "_UTC" + (xz ? ".json.xz" : ".json"));
    writeFile(file, g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("node");
      g.writeStringField("__typename", typename);
      g.writeStringField("id", id);
      g.writeStringField("shortcode", shortcode);
      g.writeObjectFieldStart("dimensions");
      g.writeNumberField("height", kind == 0 ? 1080 : 1350);
      g.writeNumberField("width", 1080);
      g.writeEndObject();
      g.writeStringField("display_url", displayUrl);
      g.writeBooleanField("is_video", video);
      if (clips) {
        g.writeStringField("product_type", "clips");
      }
      if (video) {
        g.writeNumberField("video_view_count", likes * (8 + Rand.below(Rand.mix(h + 8), 20)));
      }
      if (loggedIn) {
        g.writeNumberField("date", t.getEpochSecond());
        g.writeStringField("caption", caption);
        g.writeNumberField("comments", comments);
        g.writeObjectFieldStart("edge_media_preview_like");
        g.writeNumberField("count", likes);
        g.writeEndObject();
        g.writeFieldName("owner");
        owner(g, parent, ownerId);
      } else {
        g.writeObjectFieldStart("edge_media_to_caption");
        g.writeArrayFieldStart("edges");
        g.writeStartObject();
        g.writeObjectFieldStart("node");
        g.writeStringField("text", caption);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("edge_media_to_comment");
        g.writeNumberField("count", comments);
        g.writeEndObject();
        // Older GraphQL responses carry edge_liked_by instead of edge_media_preview_like.
        g.writeObjectFieldStart(Rand.unit(Rand.mix(h + 9)) < 0.25 ? "edge_liked_by" : "edge_media_preview_like");
        g.writeNumberField("count", likes);
        g.writeEndObject();
        g.writeBooleanField("comments_disabled", false);
        g.writeNumberField("taken_at_timestamp", t.getEpochSecond());
        g.writeObjectFieldStart("owner");
        g.writeStringField("id", ownerId);
        g.writeStringField("username", parent.username());
        g.writeEndObject();
        g.writeNullField("location");
        g.writeStringField("accessibility_caption",
            "Photo by " + parent.fullName() + " on " + FILE_TIME.format(t).substring(0, 10) + ".");
      }
      g.writeEndObject();
      instaloader(g, "Post");
      g.writeEndObject();
    });
    tally.crawlPosts++;
  }

  private static void owner(JsonGenerator g, Parent p, String ownerId) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", ownerId);
    g.writeStringField("username", p.username());
    g.writeStringField("full_name", p.fullName());
    g.writeStringField("biography", p.biography());
    g.writeObjectFieldStart("edge_followed_by");
    g.writeNumberField("count", p.followers());
    g.writeEndObject();
    g.writeObjectFieldStart("edge_follow");
    g.writeNumberField("count", p.follows());
    g.writeEndObject();
    g.writeBooleanField("is_private", false);
    g.writeBooleanField("is_verified", false);
    g.writeBooleanField("is_business_account", false);
    g.writeNullField("external_url");
    g.writeStringField("profile_pic_url",
        "https://scontent-ssn1-1.cdninstagram.com/v/t51.2885-19/" + ownerId + "_n.jpg");
    g.writeEndObject();
  }

  private static void instaloader(JsonGenerator g, String nodeType) throws IOException {
    g.writeObjectFieldStart("instaloader");
    g.writeStringField("node_type", nodeType);
    g.writeStringField("version", VERSION);
    g.writeEndObject();
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private void writeFile(Path file, Body body) throws IOException {
    boolean xz = file.getFileName().toString().endsWith(".xz");
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file));
        OutputStream os = xz ? new XZOutputStream(raw, new LZMA2Options(3)) : raw;
        JsonGenerator g = factory.createGenerator(os, JsonEncoding.UTF8)) {
      body.write(g);
    }
    tally.files++;
    tally.instaloaderFiles++;
    if (xz) {
      tally.xzFiles++;
    }
    tally.bytes += Files.size(file);
  }
}
