package io.buzzbeam.transforms.marts;

import io.buzzbeam.transforms.tables.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code mart_ranking_snapshot} (docs/METRICS.md §1): the {@code mart_brand_daily} ranks of the
 * window's last day — the latest day of D on or before {@code --to} (no {@code --to}: the latest day
 * of D) — stamped with the instant the driver fixed for the run ({@code taken_at}). No ranking is
 * computed here: the ranks and score are {@link PopularityRanking}'s, as {@link BrandDailyMart}
 * emitted them. The rows of all days go to one group (a brand × day grid: small), so no side input.
 */
public class RankingSnapshotMart extends PTransform<PCollection<Row>, PCollection<Row>> {

  private final Instant takenAt;
  private final @Nullable LocalDate lastDay;

  private RankingSnapshotMart(Instant takenAt, @Nullable LocalDate lastDay) {
    this.takenAt = takenAt;
    this.lastDay = lastDay;
  }

  /** Snapshot of the ranks of the latest day on or before {@code lastDay} (null: the latest day). */
  public static RankingSnapshotMart of(Instant takenAt, @Nullable LocalDate lastDay) {
    return new RankingSnapshotMart(takenAt, lastDay);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> brandDaily) {
    return brandDaily
        .apply("AllDaysTogether", WithKeys.of((Void) null))
        .setCoder(KvCoder.of(VoidCoder.of(), RowCoder.of(Tables.MART_BRAND_DAILY.schema())))
        .apply("GroupAllDays", GroupByKey.create())
        .apply("RanksOfLastDay", ParDo.of(new LastDayFn(takenAt, lastDay)))
        .setRowSchema(Tables.MART_RANKING_SNAPSHOT.schema());
  }

  static class LastDayFn extends DoFn<KV<Void, Iterable<Row>>, Row> {
    private final Instant takenAt;
    private final @Nullable LocalDate lastDay;

    LastDayFn(Instant takenAt, @Nullable LocalDate lastDay) {
      this.takenAt = takenAt;
      this.lastDay = lastDay;
    }

    @ProcessElement
    public void process(@Element KV<Void, Iterable<Row>> all, OutputReceiver<Row> out) {
      LocalDate day = null;
      List<Row> rows = new ArrayList<>();
      for (Row r : all.getValue()) {
        LocalDate d = r.getLogicalTypeValue("day", LocalDate.class);
        if (lastDay != null && d.isAfter(lastDay)) {
          continue;
        }
        rows.add(r);
        if (day == null || d.isAfter(day)) {
          day = d;
        }
      }
      for (Row r : rows) {
        if (r.getLogicalTypeValue("day", LocalDate.class).equals(day)) {
          out.output(
              Row.withSchema(Tables.MART_RANKING_SNAPSHOT.schema())
                  .addValues(
                      takenAt,
                      r.getString("brand"),
                      day,
                      r.getInt32("media_rank"),
                      r.getInt32("follower_rank"),
                      r.getInt32("community_rank"),
                      r.getInt32("popularity_score"),
                      r.getInt32("popularity_rank"))
                  .build());
        }
      }
    }
  }
}
