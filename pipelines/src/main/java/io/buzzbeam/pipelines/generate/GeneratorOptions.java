package io.buzzbeam.pipelines.generate;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** What shapes a synthetic landing zone (see {@link GeneratorConfig}): options of {@code generate} and {@code demo}. */
public interface GeneratorOptions extends PipelineOptions {

  @Description("Random seed: the zone is byte-identical for a seed.")
  @Default.Long(GeneratorConfig.DEFAULT_SEED)
  Long getSeed();

  void setSeed(Long value);

  @Description("First day of polling, YYYY-MM-DD.")
  @Default.String("2023-08-28")
  String getStartDate();

  void setStartDate(String value);

  @Description("Days of polling, 1 to " + GeneratorConfig.MAX_DAYS + ".")
  @Default.Integer(3)
  Integer getDays();

  void setDays(Integer value);

  @Description("Luxury brands polled, 1 to 11.")
  @Default.Integer(11)
  Integer getBrands();

  void setBrands(Integer value);

  @Description(
      "Volume: a multiple of the polling cadence, in (0, 500]; 1 is about 92,000 Graph media items a"
          + " day at 11 brands. Default: 1 (generate), 0.25 (demo).")
  Double getScale();

  void setScale(Double value);

  @Description("Crawled #육아일기 accounts (Instaloader posts), 0 to " + GeneratorConfig.MAX_CRAWL_ACCOUNTS + ".")
  @Default.Integer(3)
  Integer getCrawlAccounts();

  void setCrawlAccounts(Integer value);

  @Description("Whether to write the faults collectors meet (missing fields, API error bodies, truncated lines).")
  @Default.Boolean(true)
  Boolean getFaults();

  void setFaults(Boolean value);
}
