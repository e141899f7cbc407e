package io.buzzbeam.pipelines.sinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Driver-side bookkeeping of the SPEC §5 table {@code pipeline_run}: {@link #start} when a run
 * begins ({@code status = running}), {@link #finish} when it ends ({@code succeeded}, {@code
 * failed}, {@code gated}, ...). Both are upserts by run id, so a rerun with the same (input-derived)
 * run id rewrites its row. The options are stored as {@code jsonb}; build them with {@link
 * #optionsJson}, which leaves secrets out.
 */
public final class PipelineRuns {
  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  /** The {@code --maxRejectRatio} gate tripped (exit status 3). */
  public static final String GATED = "gated";

  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|passwd|secret|token|credential|apikey|api_key|accesskey).*");
  private static final Pattern URI_USERINFO_PASSWORD = Pattern.compile("(//[^/:@\\s]*):[^@/\\s]*@");
  private static final Pattern QUERY_PASSWORD =
      Pattern.compile("(?i)((?:password|access_token|token)=)[^&;\\s]*");

  private PipelineRuns() {}

  /** Creates the tables if needed and upserts {@code runId} as running, started now. */
  public static void start(
      JdbcTarget target, String runId, String runner, String optionsJsonWithoutSecrets)
      throws SQLException {
    try (Connection c = target.connect()) {
      JdbcTables.createAll(c);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO pipeline_run (run_id, started_at, finished_at, status, runner, options)"
                  + " VALUES (?, ?, NULL, ?, ?, CAST(? AS jsonb))"
                  + " ON CONFLICT (run_id) DO UPDATE SET started_at = EXCLUDED.started_at,"
                  + " finished_at = NULL, status = EXCLUDED.status, runner = EXCLUDED.runner,"
                  + " options = EXCLUDED.options")) {
        ps.setString(1, runId);
        ps.setObject(2, now());
        ps.setString(3, RUNNING);
        ps.setString(4, runner);
        ps.setString(5, optionsJsonWithoutSecrets);
        ps.executeUpdate();
      }
    }
  }

  /** Marks {@code runId} finished now with {@code status} (inserting the row if it is missing). */
  public static void finish(JdbcTarget target, String runId, String status) throws SQLException {
    try (Connection c = target.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO pipeline_run (run_id, started_at, finished_at, status)"
                    + " VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (run_id) DO UPDATE SET finished_at = EXCLUDED.finished_at,"
                    + " status = EXCLUDED.status")) {
      OffsetDateTime now = now();
      ps.setString(1, runId);
      ps.setObject(2, now);
      ps.setObject(3, now);
      ps.setString(4, status);
      ps.executeUpdate();
    }
  }

  /**
   * The options as a JSON object for {@code pipeline_run.options}: options whose name looks
   * secret (password, token, secret, ...) are dropped, and passwords inside URIs ({@code
   * mongodb://user:pw@host}, {@code ?password=}) are masked.
   */
  public static String optionsJson(Map<String, ?> options) {
    ObjectNode node = new ObjectMapper().createObjectNode();
    for (Map.Entry<String, ?> e : new TreeMap<>(options).entrySet()) {
      if (SECRET_NAME.matcher(e.getKey()).matches() || e.getValue() == null) {
        continue;
      }
      node.put(e.getKey(), redact(String.valueOf(e.getValue())));
    }
    return node.toString();
  }

  /** Masks the password part of URIs and {@code password=} parameters in {@code value}. */
  public static String redact(String value) {
    String v = URI_USERINFO_PASSWORD.matcher(value).replaceAll("$1:***@");
    return QUERY_PASSWORD.matcher(v).replaceAll("$1***");
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
  }
}
