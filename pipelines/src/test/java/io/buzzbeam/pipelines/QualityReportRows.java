package io.buzzbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code quality_report} rows a run wrote, read back as {@code model.metric[.field] -> value}. */
public final class QualityReportRows {

  private QualityReportRows() {}

  /**
   * {@code rows} as dumped ("|"-separated), whose model, metric, field and value columns start at
   * {@code modelColumn}.
   */
  public static Map<String, Long> byKey(List<String> rows, int modelColumn) {
    Map<String, Long> q = new LinkedHashMap<>();
    for (String row : rows) {
      String[] f = row.split("\\|", -1);
      String field = f[modelColumn + 2];
      q.put(f[modelColumn] + "." + f[modelColumn + 1] + (field.isEmpty() ? "" : "." + field), Long.parseLong(f[modelColumn + 3]));
    }
    return q;
  }

  /** {@code model}'s read, valid and rejected counts are these. */
  public static void assertCounts(Map<String, Long> q, String model, long read, long valid, long rejected) {
    assertEquals(read, q.get(model + ".read"), model + " read");
    assertEquals(valid, q.get(model + ".valid"), model + " valid");
    assertEquals(rejected, q.get(model + ".rejected"), model + " rejected");
  }
}
