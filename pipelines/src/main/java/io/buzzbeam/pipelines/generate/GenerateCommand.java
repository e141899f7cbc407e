package io.buzzbeam.pipelines.generate;

import io.buzzbeam.pipelines.command.Command;
import io.buzzbeam.pipelines.command.CommandOptions;
import io.buzzbeam.pipelines.command.UsageException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * {@code ./buzzbeam generate --out=DIR [--seed=42] [--days=3] [--startDate=2023-08-28]
 * [--brands=11] [--scale=1] [--crawlAccounts=3] [--faults=true]}: writes a synthetic landing
 * zone. The options are {@link GenerateOptions}; see {@link GeneratorConfig} for what each means;
 * volume is about 92,000 Graph media items per day at 11 brands and scale 1 ({@code --scale=4}
 * over 3 days passes 1M).
 */
public final class GenerateCommand implements Command {

  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String summary() {
    return "write a synthetic landing zone (11 luxury brands' Graph API polls + #육아일기 Instaloader posts)";
  }

  @Override
  public Class<GenerateOptions> options() {
    return GenerateOptions.class;
  }

  @Override
  public int run(String[] args) throws Exception {
    GenerateOptions options = CommandOptions.parse(args, GenerateOptions.class);
    Path out = Path.of(CommandOptions.required("out", options.getOut()));
    return generate(out, config(options, 1.0));
  }

  /** Writes a zone into {@code out} and prints its summary; an existing zone there is a usage error. */
  public static int generate(Path out, GeneratorConfig cfg) throws Exception {
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

  /** Options → config ({@code defaultScale} without {@code --scale}); every bad value is a {@link UsageException} naming its option. */
  public static GeneratorConfig config(GeneratorOptions o, double defaultScale) {
    LocalDate startDate;
    try {
      startDate = LocalDate.parse(o.getStartDate().trim());
    } catch (DateTimeParseException e) {
      throw new UsageException("--startDate must be a date YYYY-MM-DD, got '" + o.getStartDate() + "'");
    }
    int days = CommandOptions.atLeast("days", o.getDays(), 1);
    if (days > GeneratorConfig.MAX_DAYS) {
      throw new UsageException("--days must be at most " + GeneratorConfig.MAX_DAYS + ", got " + days);
    }
    int brands = CommandOptions.atLeast("brands", o.getBrands(), 1);
    if (brands > Brand.CATALOG.size()) {
      throw new UsageException("--brands must be between 1 and " + Brand.CATALOG.size() + ", got " + brands);
    }
    double scale = o.getScale() == null ? defaultScale : o.getScale();
    if (!(scale > 0) || scale > GeneratorConfig.MAX_SCALE) {
      throw new UsageException("--scale must be a number in (0, " + GeneratorConfig.MAX_SCALE + "], got '" + scale + "'");
    }
    int crawlAccounts = CommandOptions.atLeast("crawlAccounts", o.getCrawlAccounts(), 0);
    if (crawlAccounts > GeneratorConfig.MAX_CRAWL_ACCOUNTS) {
      throw new UsageException("--crawlAccounts must be at most " + GeneratorConfig.MAX_CRAWL_ACCOUNTS
          + ", got " + crawlAccounts);
    }
    return new GeneratorConfig(o.getSeed(), startDate, days, brands, scale, crawlAccounts, o.getFaults());
  }
}
