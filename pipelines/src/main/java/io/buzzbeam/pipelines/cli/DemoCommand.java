package io.buzzbeam.pipelines.cli;

import io.buzzbeam.pipelines.generate.GenerateCommand;
import io.buzzbeam.pipelines.sinks.JdbcTarget;
import io.buzzbeam.transforms.ingest.Sources;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code ./buzzbeam demo}: writes a realistic landing zone under {@code <dataDir>/demo/landing}
 * (deterministic by {@code --seed}) and runs the pipeline on the embedded defaults, then prints the
 * brands' popularity ranking and the top #육아일기 keywords. Other options go to {@code run}.
 */
public final class DemoCommand implements Command {
  private static final Set<String> GENERATOR_OPTIONS = Set.of("seed", "days", "scale", "brands", "startDate", "crawlAccounts", "faults");

  static final String DEFAULT_SCALE = "0.25";

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
  public int run(String[] args) throws Exception {
    List<String> generate = new ArrayList<>();
    List<String> run = new ArrayList<>();
    String dataDir = "./data";
    for (String arg : args) {
      String name = arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : "";
      if (name.equals("landing")) {
        throw new UsageException("--landing is not a demo option (the demo writes its own landing zone; use run)");
      }
      if (name.equals("dataDir")) {
        dataDir = arg.substring(arg.indexOf('=') + 1);
      }
      if (GENERATOR_OPTIONS.contains(name)) {
        generate.add(arg);
      } else {
        run.add(arg);
      }
    }
    Path landing = Paths.get(dataDir).toAbsolutePath().normalize().resolve("demo").resolve("landing");
    deleteRecursively(landing);
    Files.createDirectories(landing);
    if (generate.stream().noneMatch(a -> a.startsWith("--scale"))) {
      // A quarter of the seed's polling cadence: ~100k media items over 3 days, a minute or two on a laptop.
      generate.add("--scale=" + DEFAULT_SCALE);
    }
    generate.add("--out=" + landing);
    out.println("demo: writing a sample landing zone to " + landing);
    int generated = new GenerateCommand().run(generate.toArray(String[]::new));
    if (generated != 0) {
      return generated;
    }
    run.add("--landing=" + landing);
    if (run.stream().noneMatch(a -> a.startsWith("--dataDir="))) {
      run.add("--dataDir=" + dataDir);
    }
    return new RunCommand(out).execute(run.toArray(String[]::new), this::printHighlights);
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
