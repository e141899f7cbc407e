package io.buzzbeam.pipelines.generate;

import java.time.LocalDate;

/**
 * What to generate. Collection days are UTC days (the collector runs in UTC, as the seed's
 * Lambda did), starting at {@code startDate} 00:00Z.
 *
 * @param seed everything random derives from it; same seed and options → byte-identical zone
 * @param startDate first collection day
 * @param days collection days
 * @param brands how many houses of {@link Brand#CATALOG}, in catalog order (1–11)
 * @param scale hashtag polls per brand per 5-minute slot. 1 = one {@code hashtag_recent_media}
 *     poll every 5 minutes per brand, alternating its English and Korean tag (so each tag every
 *     10 minutes); 2 = every tag every 5 minutes; 0.1 = a poll every 50 minutes (quick demos).
 *     Fractional values spread polls evenly. Media volume is roughly proportional to it; posting
 *     rates are not, so more polls mean more re-seen media, not more distinct posts.
 * @param crawlAccounts parent accounts crawled by Instaloader (#육아일기)
 * @param faults inject collector faults (missing optional fields, hidden likes, API error
 *     bodies, truncated last lines, invalid values); false gives a clean zone
 */
public record GeneratorConfig(
    long seed, LocalDate startDate, int days, int brands, double scale, int crawlAccounts,
    boolean faults) {

  public static final long DEFAULT_SEED = 42;
  public static final LocalDate DEFAULT_START = LocalDate.of(2023, 8, 28);
  public static final int MAX_DAYS = 366;
  public static final double MAX_SCALE = 500;
  public static final int MAX_CRAWL_ACCOUNTS = 50;

  public GeneratorConfig {
    if (startDate == null) {
      throw new IllegalArgumentException("startDate is required");
    }
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("days must be in 1.." + MAX_DAYS + ", got " + days);
    }
    if (brands < 1 || brands > Brand.CATALOG.size()) {
      throw new IllegalArgumentException(
          "brands must be in 1.." + Brand.CATALOG.size() + ", got " + brands);
    }
    if (!(scale > 0) || scale > MAX_SCALE) {
      throw new IllegalArgumentException("scale must be in (0, " + MAX_SCALE + "], got " + scale);
    }
    if (crawlAccounts < 0 || crawlAccounts > MAX_CRAWL_ACCOUNTS) {
      throw new IllegalArgumentException(
          "crawlAccounts must be in 0.." + MAX_CRAWL_ACCOUNTS + ", got " + crawlAccounts);
    }
  }

  /** Seed 42, 2023-08-28, 3 days, 11 brands, scale 1, 3 parent accounts, faults on. */
  public static GeneratorConfig defaults() {
    return new GeneratorConfig(DEFAULT_SEED, DEFAULT_START, 3, Brand.CATALOG.size(), 1.0, 3, true);
  }

  public GeneratorConfig withSeed(long v) {
    return new GeneratorConfig(v, startDate, days, brands, scale, crawlAccounts, faults);
  }

  public GeneratorConfig withStartDate(LocalDate v) {
    return new GeneratorConfig(seed, v, days, brands, scale, crawlAccounts, faults);
  }

  public GeneratorConfig withDays(int v) {
    return new GeneratorConfig(seed, startDate, v, brands, scale, crawlAccounts, faults);
  }

  public GeneratorConfig withBrands(int v) {
    return new GeneratorConfig(seed, startDate, days, v, scale, crawlAccounts, faults);
  }

  public GeneratorConfig withScale(double v) {
    return new GeneratorConfig(seed, startDate, days, brands, v, crawlAccounts, faults);
  }

  public GeneratorConfig withCrawlAccounts(int v) {
    return new GeneratorConfig(seed, startDate, days, brands, scale, v, faults);
  }

  public GeneratorConfig withFaults(boolean v) {
    return new GeneratorConfig(seed, startDate, days, brands, scale, crawlAccounts, v);
  }
}
