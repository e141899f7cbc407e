package io.buzzbeam.pipelines.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buzzbeam.pipelines.collect.AlertWebhook;
import io.buzzbeam.transforms.tables.Tables;
import io.buzzbeam.transforms.tables.Tables.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code run --alertWebhook} (docs/METRICS.md §4): the hashtag spikes this run staged that the
 * published {@code mart_hashtag_spike} does not hold yet — read by the driver after the gate and
 * before the publish, under the run lock, so no other run publishes in between — and, once the
 * publish has committed, one alert per spike through {@link AlertWebhook} (the collector's code).
 */
public final class SpikeAlerts {
  private SpikeAlerts() {}

  /** One new spike. */
  public static final class Spike {
    public final String source;
    public final String scope;
    public final LocalDate day;
    public final String hashtag;
    public final int mentions;
    public final int baselineDays;
    public final double baselineMean;
    public final double baselineSd;
    public final double threshold;

    Spike(String source, String scope, LocalDate day, String hashtag, int mentions, int baselineDays,
        double baselineMean, double baselineSd, double threshold) {
      this.source = source;
      this.scope = scope;
      this.day = day;
      this.hashtag = hashtag;
      this.mentions = mentions;
      this.baselineDays = baselineDays;
      this.baselineMean = baselineMean;
      this.baselineSd = baselineSd;
      this.threshold = threshold;
    }

    /** The alert: Slack's {@code text} and the spike's fields. */
    ObjectNode toJson(AlertWebhook webhook) {
      ObjectNode alert =
          webhook.alert(
              String.format(
                  Locale.ROOT,
                  "buzzbeam: #%s spiked for %s on %s: %d mentions (baseline %.2f a day over %d days, threshold %.2f)",
                  hashtag, scope, day, mentions, baselineMean, baselineDays, threshold));
      alert.put("kind", "hashtag_spike")
          .put("source", source)
          .put("brand", scope)
          .put("day", day.toString())
          .put("hashtag", hashtag)
          .put("mentions", mentions)
          .put("baseline_days", baselineDays)
          .put("baseline_mean", baselineMean)
          .put("baseline_sd", baselineSd)
          .put("threshold", threshold);
      return alert;
    }
  }

  /** The staged spikes whose key the published spike mart does not have, by day, brand and hashtag. */
  public static List<Spike> newSpikes(Connection c, StagingTables staging) throws SQLException {
    Table t = Tables.MART_HASHTAG_SPIKE;
    String sql =
        "SELECT s.source, s.scope, s.day, s.hashtag, s.mentions, s.baseline_days, s.baseline_mean, s.baseline_sd,"
            + " s.threshold"
            + " FROM " + staging.nameOf(t) + " s WHERE NOT EXISTS (SELECT 1 FROM " + t.name + " p WHERE "
            + t.key.stream().map(k -> "p." + k + " = s." + k).collect(Collectors.joining(" AND "))
            + ") ORDER BY s.day, s.scope, s.hashtag, s.source";
    List<Spike> spikes = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        spikes.add(
            new Spike(
                rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4), rs.getInt(5),
                rs.getInt(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9)));
      }
    }
    return spikes;
  }

  /** POSTs one alert per spike; returns how many the webhook took (2xx). Never throws for the webhook. */
  public static int post(AlertWebhook webhook, List<Spike> spikes) {
    int delivered = 0;
    for (Spike s : spikes) {
      if (webhook.post(s.toJson(webhook))) {
        delivered++;
      }
    }
    return delivered;
  }
}
