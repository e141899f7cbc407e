package io.buzzbeam.pipelines.embedded;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The options of {@code ./buzzbeam serve}. */
public interface ServeOptions extends PipelineOptions {

  @Description("Directory of the embedded servers' data.")
  @Default.String("./data")
  String getDataDir();

  void setDataDir(String value);

  @Description("PostgreSQL port (0: any free port). Absent: 5432 if free, else any free port.")
  Integer getPgPort();

  void setPgPort(Integer value);

  @Description("MongoDB port (0: any free port). Absent: 27017 if free, else any free port.")
  Integer getMongoPort();

  void setMongoPort(Integer value);
}
