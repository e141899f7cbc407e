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
  /** The reason recorded for a run found {@code running} by a later run or {@code serve}: it died. */
  public static final String ABANDONED = "abandoned";

  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|passwd|secret|token|credential|apikey|api_key|accesskey).*");
  private static final Pattern URI_USERINFO_PASSWORD = Pattern.compile("(//[^/:@\\s]*):[^@/\\s]*@");
  private static final Pattern QUERY_PASSWORD =
      Pattern.compile("(?i)((?:password|access_token|token)=)[^&;\\s]*");

  private PipelineRuns() {}

  /** Upserts {@code runId} as running, started now (the tables exist: {@code Tables.ensureAll}). */
  public static void start(
      Connection c, String runId, String runner, String optionsJsonWithoutSecrets)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO pipeline_run (run_id, started_at, finished_at, status, runner, options, reason)"
                + " VALUES (?, ?, NULL, ?, ?, CAST(? AS jsonb), NULL)"
                + " ON CONFLICT (run_id) DO UPDATE SET started_at = EXCLUDED.started_at,"
                + " finished_at = NULL, status = EXCLUDED.status, runner = EXCLUDED.runner,"
                + " options = EXCLUDED.options, reason = NULL")) {
      ps.setString(1, runId);
      ps.setObject(2, now());
      ps.setString(3, RUNNING);
      ps.setString(4, runner);
      ps.setString(5, optionsJsonWithoutSecrets);
      ps.executeUpdate();
    }
  }

  /**
   * Marks {@code runId} finished now with {@code status} and {@code reason} (null for success),
   * inserting the row if it is missing. On {@code c}, so that the publish transaction can include it.
   */
  public static void finish(Connection c, String runId, String status, String reason) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO pipeline_run (run_id, started_at, finished_at, status, reason)"
                + " VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (run_id) DO UPDATE SET finished_at = EXCLUDED.finished_at,"
                + " status = EXCLUDED.status, reason = EXCLUDED.reason")) {
      OffsetDateTime now = now();
      ps.setString(1, runId);
      ps.setObject(2, now);
      ps.setObject(3, now);
      ps.setString(4, status);
      ps.setString(5, reason == null ? null : redact(reason));
      ps.executeUpdate();
    }
  }

  /**
   * Marks every run still {@code running} (other than {@code exceptRunId}) as {@code failed} with
   * reason {@link #ABANDONED}. Call only while holding the run lock: then no such run is alive.
   * Returns how many were marked.
   */
  public static int abandonDead(Connection c, String exceptRunId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE pipeline_run SET status = ?, reason = ?, finished_at = ?"
                + " WHERE status = ? AND run_id IS DISTINCT FROM ?")) {
      ps.setString(1, FAILED);
      ps.setString(2, ABANDONED);
      ps.setObject(3, now());
      ps.setString(4, RUNNING);
      ps.setString(5, exceptRunId);
      return ps.executeUpdate();
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
