package io.buzzbeam.pipelines.generate;

import io.buzzbeam.transforms.ingest.EnvelopeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes a synthetic landing zone (SPEC §1) hour by hour, streaming every file to disk:
 *
 * <ul>
 *   <li>{@code graph/dt=YYYY-MM-DD/business_discovery_HH0015.jsonl[.gz]} — per hour, one poll
 *       per brand (profile + latest 25 media);
 *   <li>{@code graph/dt=…/hashtag_recent_media_HH0020.jsonl[.gz]} — 5-minute
 *       {@code recent_media} polls of the brands' hashtags (25 media each), see
 *       {@link GeneratorConfig#scale()};
 *   <li>{@code graph/dt=…/hashtag_top_media_HH3005.jsonl[.gz]} — an hourly {@code top_media}
 *       poll per brand, alternating its two tags;
 *   <li>{@code instaloader/<user>/…} — see {@link InstaloaderWriter}.
 * </ul>
 *
 * Days, hours and file names are UTC (the collector's clock); posting behaviour follows
 * Asia/Seoul local time. Only per-brand timelines and the last 24 hours of hashtag posts are
 * held in memory.
 */
public final class LandingGenerator {
  static final int PAGE = 25;

  private final Path out;
  private final GeneratorConfig cfg;
  private final Consumer<String> progress;
  private final SummaryTally tally = new SummaryTally();
  private final FaultPlan faults;
  private final GraphJson json;
  private final List<BrandTimeline> timelines = new ArrayList<>();
  private final List<HashtagCommunity> communities = new ArrayList<>();
  private final Instant start;
  private final int namelessBrand;

  private LandingGenerator(Path out, GeneratorConfig cfg, Consumer<String> progress) {
    this.out = out;
    this.cfg = cfg;
    this.progress = progress;
    this.faults = new FaultPlan(cfg.seed(), cfg.faults());
    this.json = new GraphJson(cfg.seed(), Ids.igUserId(cfg.seed(), "buzzbeam.collector"));
    this.start = cfg.startDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    for (int b = 0; b < cfg.brands(); b++) {
      Brand brand = Brand.CATALOG.get(b);
      timelines.add(new BrandTimeline(cfg.seed(), b, brand, cfg.startDate(), cfg.days(), cfg.faults()));
      // A day of warm-up so the first polls find full pages and top_media a full day.
      communities.add(new HashtagCommunity(cfg.seed(), b, brand, start.minusSeconds(24 * 3600), cfg.faults()));
    }
    // Seed log: "luxury_profile-[not found field] name 1" every hour — one account has no name.
    this.namelessBrand = Rand.below(Rand.hash(cfg.seed(), 81), cfg.brands());
  }

  /** Generates into {@code out}, which must not already hold a landing zone. */
  public static GenerationSummary generate(Path out, GeneratorConfig cfg) throws IOException {
    return generate(out, cfg, s -> {});
  }

  /** As {@link #generate(Path, GeneratorConfig)}, reporting each finished day to {@code progress}. */
  public static GenerationSummary generate(Path out, GeneratorConfig cfg, Consumer<String> progress)
      throws IOException {
    if (Files.exists(out.resolve("graph")) || Files.exists(out.resolve("instaloader"))) {
      throw new IllegalStateException(out + " already holds a landing zone (graph/ or instaloader/)");
    }
    long t0 = System.nanoTime();
    LandingGenerator g = new LandingGenerator(out, cfg, progress);
    g.writeGraph();
    new InstaloaderWriter(out.resolve("instaloader"), cfg, g.tally).write();
    return g.tally.toSummary((System.nanoTime() - t0) / 1_000_000);
  }

  private void writeGraph() throws IOException {
    int hours = cfg.days() * 24;
    for (int i = 0; i < hours; i++) {
      Instant hourStart = start.plusSeconds(3600L * i);
      writeHour(i, hourStart);
      if (i % 24 == 23) {
        LocalDate day = cfg.startDate().plusDays(i / 24);
        progress.accept(String.format("%s done: %,d envelope lines, %,d media items, %,.1f MB so far",
            day, tally.lines, tally.graphMedia, tally.bytes / 1e6));
      }
    }
  }

  private void writeHour(int i, Instant hourStart) throws IOException {
    LocalDate day = LocalDate.ofInstant(hourStart, ZoneOffset.UTC);
    Path dir = out.resolve("graph").resolve("dt=" + day);
    String hh = String.format("%02d", hourStart.atZone(ZoneOffset.UTC).getHour());
    try (LandingFileWriter bd = file(dir, EnvelopeKind.BUSINESS_DISCOVERY.wireName() + "_" + hh + "0015", 0, i);
        LandingFileWriter recent = file(dir, EnvelopeKind.HASHTAG_RECENT_MEDIA.wireName() + "_" + hh + "0020", 1, i);
        LandingFileWriter top = file(dir, EnvelopeKind.HASHTAG_TOP_MEDIA.wireName() + "_" + hh + "3005", 2, i)) {
      for (int b = 0; b < cfg.brands(); b++) {
        businessDiscoveryPoll(bd, i, b, hourStart.plusSeconds(15 + 3L * b));
      }
      for (int k = 0; k < 12; k++) {
        Instant slotStart = hourStart.plusSeconds(300L * k);
        if (k == 6) {
          for (int b = 0; b < cfg.brands(); b++) {
            hashtagPoll(top, EnvelopeKind.HASHTAG_TOP_MEDIA, b, i % 2, hourStart.plusSeconds(1805 + b), false);
          }
        }
        long slot = 12L * i + k;
        long first = (long) Math.floor(slot * cfg.scale());
        int n = (int) ((long) Math.floor((slot + 1) * cfg.scale()) - first);
        for (int b = 0; b < cfg.brands(); b++) {
          for (int j = 0; j < n; j++) {
            long counter = first + j;
            Instant t = slotStart.plusSeconds(20 + (280L * j) / n + b);
            boolean planted = i == FaultPlan.PLANTED_API_ERROR_HOUR && k == 0 && b == 0 && j == 0;
            hashtagPoll(recent, EnvelopeKind.HASHTAG_RECENT_MEDIA, b, (int) (counter % 2), t, planted);
          }
        }
      }
    }
  }

  private LandingFileWriter file(Path dir, String baseName, int kindOrdinal, int hourIndex) {
    // Every third hour of each kind is gzipped (which ones depends on the seed).
    boolean gzip = Math.floorMod(hourIndex + kindOrdinal + cfg.seed(), 3) == 0;
    boolean truncate =
        faults.truncate(Rand.hash(kindOrdinal, hourIndex),
            kindOrdinal == 1 && hourIndex == FaultPlan.PLANTED_TRUNCATION_HOUR);
    return new LandingFileWriter(dir.resolve(baseName + (gzip ? ".jsonl.gz" : ".jsonl")), gzip, truncate, tally);
  }

  private void businessDiscoveryPoll(LandingFileWriter w, int hourIndex, int b, Instant t)
      throws IOException {
    BrandTimeline tl = timelines.get(b);
    Brand brand = tl.brand();
    List<BrandPost> posts = tl.latest(t, PAGE);
    List<GraphJson.BrandItem> items = new ArrayList<>(posts.size());
    boolean plantLikes = b == 0 && hourIndex == FaultPlan.PLANTED_NEGATIVE_LIKES_HOUR;
    boolean plantType = b == 0 && hourIndex == FaultPlan.PLANTED_BAD_TYPE_HOUR;
    for (int k = 0; k < posts.size(); k++) {
      BrandPost p = posts.get(k);
      long itemKey = Rand.hash(b, t.getEpochSecond(), k);
      // Invalid values only on otherwise complete items, so that each item has one reason.
      boolean complete = p.caption() != null && p.hasMediaUrl();
      boolean negative = false;
      String badType = null;
      if (complete && cfg.faults()) {
        if (plantLikes) {
          negative = true;
          plantLikes = false;
        } else if (plantType) {
          badType = FaultPlan.plantedBadMediaType();
          plantType = false;
        } else {
          negative = faults.negativeLikes(itemKey);
          badType = negative ? null : faults.badMediaType(itemKey);
        }
      }
      items.add(new GraphJson.BrandItem(p, p.likesAt(t), p.commentsAt(t), negative, badType));
    }
    boolean carriesPlanted =
        b == 0 && (hourIndex == FaultPlan.PLANTED_NEGATIVE_LIKES_HOUR
            || hourIndex == FaultPlan.PLANTED_BAD_TYPE_HOUR);
    int apiError = carriesPlanted ? 0 : faults.apiError(Rand.hash(0, b, t.getEpochSecond()), false);
    String name = cfg.faults() && b == namelessBrand ? null : brand.name();
    LineTally lt = new LineTally(EnvelopeKind.BUSINESS_DISCOVERY, brand.key());
    w.write(json.businessDiscovery(brand.key(), t, Ids.igUserId(cfg.seed(), brand.username()),
        brand.username(), name, tl.followersAt(t, start), brand.follows(),
        brand.mediaCount() + tl.countUpTo(t), items, apiError, lt), lt);
  }

  private void hashtagPoll(LandingFileWriter w, EnvelopeKind kind, int b, int tag, Instant t,
      boolean plantedError) throws IOException {
    HashtagCommunity c = communities.get(b);
    c.advanceTo(t);
    List<CommunityPost> posts = kind == EnvelopeKind.HASHTAG_RECENT_MEDIA ? c.recent(tag, t, PAGE) : c.top(tag, t, PAGE);
    String hashtag = c.brand().hashtags().get(tag);
    int apiError = faults.apiError(Rand.hash(kind == EnvelopeKind.HASHTAG_RECENT_MEDIA ? 1 : 2, b, t.getEpochSecond()), plantedError);
    LineTally lt = new LineTally(kind, c.brand().key());
    w.write(json.hashtagMedia(kind, c.brand().key(), hashtag, Ids.hashtagId(cfg.seed(), hashtag), t,
        posts, apiError, lt), lt);
  }
}
