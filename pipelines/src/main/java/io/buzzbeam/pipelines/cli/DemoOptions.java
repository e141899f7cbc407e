package io.buzzbeam.pipelines.cli;

import io.buzzbeam.pipelines.BuzzbeamOptions;
import io.buzzbeam.pipelines.generate.GeneratorOptions;

/**
 * The options of {@code ./buzzbeam demo}: those of {@code run} (but {@code --landing}, the demo
 * writes its own zone) and those that shape the generated zone.
 */
public interface DemoOptions extends BuzzbeamOptions, GeneratorOptions {}
