package io.buzzbeam.pipelines.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.pipelines.command.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad usage: one line naming the option (the CLI maps {@link UsageException} to exit 2). */
class CollectUsageErrorsTest {
  @TempDir Path tmp;

  @Test
  void eachMistakeNamesItsOption() throws Exception {
    Path targets = CollectTestSupport.writeTargets(tmp, "brands:\n  - key: chanel\n    username: chanelofficial\n");
    String t = "--targets=" + targets;
    String l = "--landing=" + tmp.resolve("landing");
    String id = "--igUserId=17841405309211844";

    assertUsage("--targets is required", l, id, "--once");
    assertUsage("--landing is required", t, id);
    assertUsage("--igUserId is required", t, l);
    assertUsage("--igUserId must be the numeric", t, l, "--igUserId=me");
    assertUsage("unknown option --hashtagz", t, l, id, "--hashtagz=5");
    assertUsage("--maxRetryTime must be a duration", t, l, id, "--maxRetryTime=soon");
    assertUsage("--mediaLimit must be an integer >= 1", t, l, id, "--mediaLimit=0");
    assertUsage("--graphApiVersion must look like v21.0", t, l, id, "--graphApiVersion=21");
    assertUsage("--graphApiBase must be an http(s) URL", t, l, id, "--graphApiBase=ftp://x");
    assertUsage("--only must be profiles, hashtags", t, l, id, "--only=stories");
    assertUsage("--usageThreshold must be a percentage", t, l, id, "--usageThreshold=100");
    assertUsage("--retryCap must not be shorter than --retryBase", t, l, id, "--retryBase=2s", "--retryCap=1s");
    assertUsage("--tokenIn must be header or query", t, l, id, "--tokenIn=cookie");
    assertUsage("--only=hashtags but --targets lists no hashtags", t, l, id, "--only=hashtags");
    assertUsage("--tokenFile cannot be read", t, l, id, "--tokenFile=" + tmp.resolve("missing.token"));
    // The webhook URL may be a secret: it is not echoed back.
    UsageException hook = assertThrows(UsageException.class,
        () -> command(Map.of(AccessToken.ENV, FakeGraphApi.TOKEN)).run(new String[] {t, l, id, "--alertWebhook=hooks.slack.com/T0/secret"}));
    assertEquals("--alertWebhook must be an http(s) URL", hook.getMessage());
  }

  @Test
  void aMissingTokenSaysWhereToPutIt() {
    Path targets = tmp.resolve("t.yaml");
    UsageException e = assertThrows(UsageException.class, () -> {
      Files.writeString(targets, "brands:\n  - key: chanel\n    username: chanelofficial\n");
      command(Map.of()).run(new String[] {"--targets=" + targets, "--landing=" + tmp, "--igUserId=1"});
    });
    assertEquals("an access token is required: set BUZZBEAM_IG_TOKEN or --tokenFile=FILE", e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  private void assertUsage(String expectedStart, String... args) {
    UsageException e = assertThrows(UsageException.class,
        () -> command(Map.of(AccessToken.ENV, FakeGraphApi.TOKEN)).run(args));
    assertTrue(e.getMessage().startsWith(expectedStart), "expected '" + expectedStart + "', got: " + e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  private static CollectCommand command(Map<String, String> env) {
    return new CollectCommand(System.out, System.err, env, java.time.Clock.systemUTC(), Sleeper.REAL);
  }
}
