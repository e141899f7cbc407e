package io.buzzbeam.pipelines.generate;

import io.buzzbeam.pipelines.cli.Args;
import io.buzzbeam.pipelines.cli.Command;
import io.buzzbeam.pipelines.cli.UsageException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * {@code ./buzzbeam generate --out=DIR [--seed=42] [--days=3] [--startDate=2023-08-28]
 * [--brands=11] [--scale=1] [--crawlAccounts=3] [--faults=true]}: writes a synthetic landing
 * zone. See {@link GeneratorConfig} for what each option means; volume is about 92,000 Graph
 * media items per day at 11 brands and scale 1 ({@code --scale=4} over 3 days passes 1M).
 */
public final class GenerateCommand implements Command {
  static final Set<String> OPTIONS =
      Set.of("out", "seed", "days", "startDate", "brands", "scale", "crawlAccounts", "faults");

  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String summary() {
    return "write a synthetic landing zone (11 luxury brands' Graph API polls + #육아일기 Instaloader posts)";
  }

  @Override
  public int run(String[] args) throws Exception {
    Args a = Args.parse(args, OPTIONS);
    Path out = Path.of(a.required("out"));
    GeneratorConfig cfg = config(a);
    GenerationSummary s;
    try {
      s = LandingGenerator.generate(out, cfg, line -> System.err.println("generate: " + line));
    } catch (IllegalStateException e) {
      throw new UsageException("--out: " + e.getMessage() + "; choose an empty directory");
    }
    System.out.println("generated landing zone " + out.toAbsolutePath());
    System.out.println(s.describe());
    return 0;
  }

  /** Options → config; every bad value is a {@link UsageException} naming its option. */
  static GeneratorConfig config(Args a) {
    GeneratorConfig d = GeneratorConfig.defaults();
    long seed;
    try {
      seed = Long.parseLong(a.get("seed", Long.toString(d.seed())).trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--seed must be an integer, got '" + a.get("seed", "") + "'");
    }
    LocalDate startDate;
    try {
      startDate = LocalDate.parse(a.get("startDate", d.startDate().toString()).trim());
    } catch (DateTimeParseException e) {
      throw new UsageException("--startDate must be a date YYYY-MM-DD, got '" + a.get("startDate", "") + "'");
    }
    int days = a.intValue("days", d.days(), 1);
    if (days > GeneratorConfig.MAX_DAYS) {
      throw new UsageException("--days must be at most " + GeneratorConfig.MAX_DAYS + ", got " + days);
    }
    int brands = a.intValue("brands", d.brands(), 1);
    if (brands > Brand.CATALOG.size()) {
      throw new UsageException("--brands must be between 1 and " + Brand.CATALOG.size() + ", got " + brands);
    }
    double scale = a.doubleValue("scale", d.scale());
    if (!(scale > 0) || scale > GeneratorConfig.MAX_SCALE) {
      throw new UsageException("--scale must be a number in (0, " + GeneratorConfig.MAX_SCALE + "], got '"
          + a.get("scale", "") + "'");
    }
    int crawlAccounts = a.intValue("crawlAccounts", d.crawlAccounts(), 0);
    if (crawlAccounts > GeneratorConfig.MAX_CRAWL_ACCOUNTS) {
      throw new UsageException("--crawlAccounts must be at most " + GeneratorConfig.MAX_CRAWL_ACCOUNTS
          + ", got " + crawlAccounts);
    }
    String faults = a.get("faults", "true").trim();
    if (!faults.equalsIgnoreCase("true") && !faults.equalsIgnoreCase("false")) {
      throw new UsageException("--faults must be true or false, got '" + faults + "'");
    }
    return new GeneratorConfig(seed, startDate, days, brands, scale, crawlAccounts,
        Boolean.parseBoolean(faults.toLowerCase()));
  }
}
