package io.buzzbeam.pipelines.cli;

import io.buzzbeam.pipelines.command.Command;
import io.buzzbeam.pipelines.command.CommandOptions;
import io.buzzbeam.pipelines.command.UsageException;
import io.buzzbeam.pipelines.generate.GenerateCommand;
import io.buzzbeam.pipelines.generate.GeneratorConfig;
import io.buzzbeam.pipelines.sinks.JdbcTarget;
import io.buzzbeam.transforms.ingest.Sources;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code ./buzzbeam demo}: writes a realistic landing zone under {@code <dataDir>/demo/landing}
 * (deterministic by {@code --seed}) and runs the pipeline on the embedded defaults, then prints the
 * brands' popularity ranking and the top #육아일기 keywords. Other options go to {@code run}.
 */
public final class DemoCommand implements Command {
  /** A quarter of the seed's polling cadence: ~100k media items over 3 days, a minute or two on a laptop. */
  static final double DEFAULT_SCALE = 0.25;

  private final PrintStream out;

  public DemoCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "generate sample data and run the pipeline on the embedded servers [--dataDir --seed --days --scale ...]";
  }

  @Override
  public String[] helpNotes() {
    return new String[] {
      "--landing is not a demo option: the demo writes its zone under <dataDir>/demo/landing.", RunCommand.RUNNER_NOTE
    };
  }

  @Override
  public Class<DemoOptions> options() {
    return DemoOptions.class;
  }

  @Override
  public int run(String[] args) throws Exception {
    if (CommandOptions.mentions(args, "landing")) {
      throw new UsageException("--landing is not a demo option (the demo writes its own landing zone; use run)");
    }
    DemoOptions options = RunCommand.parseOptions(args, DemoOptions.class);
    GeneratorConfig config = GenerateCommand.config(options, DEFAULT_SCALE);
    Path landing = Paths.get(options.getDataDir()).toAbsolutePath().normalize().resolve("demo").resolve("landing");
    deleteRecursively(landing);
    Files.createDirectories(landing);
    out.println("demo: writing a sample landing zone to " + landing);
    int generated = GenerateCommand.generate(landing, config);
    if (generated != 0) {
      return generated;
    }
    options.setLanding(landing.toString());
    return new RunCommand(out).execute(options, args, this::printHighlights);
  }

  private void printHighlights(JdbcTarget jdbc, io.buzzbeam.pipelines.RunReport report) throws Exception {
    if (jdbc == null) {
      return;
    }
    try (Connection c = jdbc.connect();
        Statement st = c.createStatement()) {
      out.println();
      out.println("Popularity ranking (mart_brand_summary):");
      out.printf(Locale.ROOT, "  %4s  %-14s %12s %6s %10s %9s %6s%n", "rank", "brand", "followers", "posts", "avg eng %", "mentions", "score");
      try (ResultSet rs =
          st.executeQuery(
              "SELECT brand, popularity_rank, popularity_score, followers, posts, avg_engagement_rate, hashtag_mentions"
                  + " FROM mart_brand_summary ORDER BY popularity_rank, brand")) {
        while (rs.next()) {
          double rate = rs.getDouble("avg_engagement_rate");
          String rateText = rs.wasNull() ? "-" : String.format(Locale.ROOT, "%.3f", rate);
          long followers = rs.getLong("followers");
          String followersText = rs.wasNull() ? "-" : String.format(Locale.ROOT, "%,d", followers);
          out.printf(
              Locale.ROOT,
              "  %4d  %-14s %12s %6d %10s %9d %6d%n",
              rs.getInt("popularity_rank"),
              rs.getString("brand"),
              followersText,
              rs.getLong("posts"),
              rateText,
              rs.getLong("hashtag_mentions"),
              rs.getInt("popularity_score"));
        }
      }
      out.println();
      out.println("Top #육아일기 keywords (mart_keyword_daily, crawled parent accounts):");
      try (ResultSet rs =
          st.executeQuery(
              "SELECT token, pos, SUM(occurrences) AS occurrences, SUM(media) AS media FROM mart_keyword_daily"
                  + " WHERE source = '" + Sources.CRAWL + "' GROUP BY token, pos ORDER BY occurrences DESC, token LIMIT 15")) {
        int i = 0;
        while (rs.next()) {
          out.printf(
              Locale.ROOT,
              "  %2d. %-12s %-10s %5d times in %d posts%n",
              ++i,
              rs.getString("token"),
              rs.getString("pos"),
              rs.getLong("occurrences"),
              rs.getLong("media"));
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
