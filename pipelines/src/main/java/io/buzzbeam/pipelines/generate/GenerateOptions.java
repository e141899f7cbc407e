package io.buzzbeam.pipelines.generate;

import org.apache.beam.sdk.options.Description;

/** The options of {@code ./buzzbeam generate}. */
public interface GenerateOptions extends GeneratorOptions {

  @Description("Directory of the new landing zone (empty or absent). Required.")
  String getOut();

  void setOut(String value);
}
