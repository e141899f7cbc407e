package io.buzzbeam.pipelines.flink;

import io.buzzbeam.pipelines.RunnerConfigs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** One run of {@link SmokeJob} through a named runner config, and what it left behind. */
record SmokeRun(
    PipelineResult.State state,
    List<String> outputFiles,
    List<String> sortedLines,
    Map<String, Long> metrics,
    double seconds) {

  static SmokeRun run(
      String runnerConfig, Map<String, String> env, Path input, Path outDir, String... extra)
      throws IOException {
    List<String> args = new ArrayList<>();
    args.add("--runnerConfig=" + runnerConfig);
    args.add("--input=" + input.resolve("*.txt"));
    args.add("--output=" + outDir.resolve("counts"));
    args.addAll(List.of(extra));
    Path repo = FlinkCluster.repoRoot();
    Map<String, String> withHome = new java.util.HashMap<>(env);
    withHome.putIfAbsent("BUZZBEAM_HOME", repo.toString());
    String[] expanded =
        RunnerConfigs.apply(args.toArray(new String[0]), repo.resolve("runner-configs"), withHome);
    SmokeJob.Options options =
        PipelineOptionsFactory.fromArgs(expanded).withValidation().as(SmokeJob.Options.class);
    long t0 = System.nanoTime();
    PipelineResult result = SmokeJob.build(options).run();
    PipelineResult.State state = result.waitUntilFinish();
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Long> metrics = SmokeJob.metrics(result);
    List<String> files;
    List<String> lines = new ArrayList<>();
    try (Stream<Path> s = Files.list(outDir)) {
      files = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
    for (String f : files) {
      if (f.endsWith(".txt")) {
        lines.addAll(Files.readAllLines(outDir.resolve(f), StandardCharsets.UTF_8));
      }
    }
    lines.sort(null);
    System.out.printf(
        "[timing] SmokeJob on %s (%s): %.1f s, %s%n", runnerConfig, state, seconds, metrics);
    return new SmokeRun(state, files, lines, metrics, seconds);
  }
}
