package io.buzzbeam.transforms.marts;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/** The six SPEC §5 marts of one run (and issue #14's when asked for, {@link AnalyticsMarts}), each a {@code PCollection<Row>} with its {@link MartSchemas} schema. */
public final class Marts implements POutput {

  private final Pipeline pipeline;
  private final Map<String, PCollection<Row>> byTable;

  Marts(
      Pipeline pipeline,
      PCollection<Row> brandDaily,
      PCollection<Row> brandSummary,
      PCollection<Row> postType,
      PCollection<Row> uploadHeatmap,
      PCollection<Row> hashtagDaily,
      PCollection<Row> keywordDaily) {
    this.pipeline = pipeline;
    Map<String, PCollection<Row>> tables = new LinkedHashMap<>();
    tables.put(MartSchemas.BRAND_DAILY_TABLE, brandDaily);
    tables.put(MartSchemas.BRAND_SUMMARY_TABLE, brandSummary);
    tables.put(MartSchemas.POST_TYPE_TABLE, postType);
    tables.put(MartSchemas.UPLOAD_HEATMAP_TABLE, uploadHeatmap);
    tables.put(MartSchemas.HASHTAG_DAILY_TABLE, hashtagDaily);
    tables.put(MartSchemas.KEYWORD_DAILY_TABLE, keywordDaily);
    this.byTable = java.util.Collections.unmodifiableMap(tables);
  }

  private Marts(Pipeline pipeline, Map<String, PCollection<Row>> byTable) {
    this.pipeline = pipeline;
    this.byTable = java.util.Collections.unmodifiableMap(byTable);
  }

  /** These marts and {@code more} (issue #14's, see {@link AnalyticsMarts}), in that order. */
  Marts and(Map<String, PCollection<Row>> more) {
    Map<String, PCollection<Row>> tables = new LinkedHashMap<>(byTable);
    tables.putAll(more);
    return new Marts(pipeline, tables);
  }

  public PCollection<Row> brandDaily() {
    return byTable.get(MartSchemas.BRAND_DAILY_TABLE);
  }

  public PCollection<Row> brandSummary() {
    return byTable.get(MartSchemas.BRAND_SUMMARY_TABLE);
  }

  public PCollection<Row> postType() {
    return byTable.get(MartSchemas.POST_TYPE_TABLE);
  }

  public PCollection<Row> uploadHeatmap() {
    return byTable.get(MartSchemas.UPLOAD_HEATMAP_TABLE);
  }

  public PCollection<Row> hashtagDaily() {
    return byTable.get(MartSchemas.HASHTAG_DAILY_TABLE);
  }

  public PCollection<Row> keywordDaily() {
    return byTable.get(MartSchemas.KEYWORD_DAILY_TABLE);
  }

  /** Table name (SPEC §5) → rows, in SPEC order: what a sink iterates over. */
  public Map<String, PCollection<Row>> byTable() {
    return byTable;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> expanded = new LinkedHashMap<>();
    byTable.forEach((table, rows) -> expanded.put(new TupleTag<Row>(table), rows));
    return expanded;
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
