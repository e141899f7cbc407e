#!/usr/bin/env python3
"""CPU samples of a Java Flight Recorder recording, summed by buzzbeam step (issue #12's "where
the time goes"). Each sample is charged to the first frame, from the executing one down, that
belongs to a step: library frames name their step (open-korean-text and Scala: tokenize; Jackson
and the decompressors: read + parse; the PostgreSQL driver: the JDBC sink; ...), buzzbeam's own
frames name theirs by package or class.

It then prints what the samples cannot show: how long the JIT's compilations took
(jdk.CompilerStatistics) and the garbage collector's pauses (jdk.GarbageCollection). A
compilation's time is elapsed time on its compiler thread, waiting for a core included, so on 2
busy cores it is well above the compiler's CPU time: in issue #12's zone A run, 55 s of
compilations were 23 s of CPU on the compiler threads (C2 16.5 s, C1 6.5 s, read from /proc) of
the process's 86 s.

usage: jfr_steps.py RECORDING.jfr
"""
import collections
import json
import re
import subprocess
import sys

STEPS = [
    ("tokenize", r"openkoreantext|^scala\.|org\.apache\.lucene|io\.buzzbeam\.transforms\.keywords"),
    ("coders between steps", r"io\.buzzbeam\.transforms\.coders|org\.apache\.beam\.sdk\.coders|org\.apache\.avro\.(generic|specific|io)|"
     r"beam\.sdk\.schemas|DataInputViewWrapper|DataOutputViewWrapper|CoderTypeSerializer"),
    ("read + parse", r"com\.fasterxml|java\.util\.zip|org\.tukaani|io\.buzzbeam\.transforms\.ingest"),
    ("de-duplicate", r"io\.buzzbeam\.transforms\.dedup"),
    ("marts", r"io\.buzzbeam\.transforms\.marts|io\.buzzbeam\.pipelines\.sinks\.(FactMediaRows|RejectedRows|QualityReportRows|ProfileSnapshotRows)"),
    ("sink: PostgreSQL (staging, publish)", r"org\.postgresql|WriteJdbcTable|io\.buzzbeam\.pipelines\.publish"),
    ("sink: Mongo (client and embedded server)", r"com\.mongodb|org\.bson|de\.bwaldvogel|WriteMongo|MongoDocuments|EmbeddedMongoServer"),
    ("sink: Avro stage files", r"WriteStage|org\.apache\.avro\.file"),
    ("shuffle and sort (Flink)", r"org\.apache\.flink\.runtime\.(operators\.sort|io|memory)|org\.apache\.flink\.core\.memory"),
    ("driver (translation, progress, report)", r"io\.buzzbeam\.pipelines\.(cli|RunReport)"),
]
# The driver thread (the command line: building and translating the pipeline, e.g. Beam serializing
# the options once per Flink operator, then progress and report) is charged to the driver whatever
# library runs on it; the job's own threads never have a command-line frame.
DRIVER = re.compile(r"io\.buzzbeam\.pipelines\.cli\.")
COMPILED = [(name, re.compile(rx)) for name, rx in STEPS]


def main(path):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
                         capture_output=True, text=True, check=True).stdout
    counts = collections.Counter()
    total = 0
    for sample in out.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w.$<>]+)\(", sample, re.M)
        if not frames:
            continue
        total += 1
        if any(DRIVER.search(frame) for frame in frames):
            counts["driver (translation, progress, report)"] += 1
            continue
        for frame in frames:
            step = next((name for name, rx in COMPILED if rx.search(frame)), None)
            if step:
                counts[step] += 1
                break
        else:
            counts["runner and JVM (other)"] += 1
    if total == 0:
        sys.exit("jfr_steps: no CPU samples in " + path)
    for name, n in counts.most_common():
        print(f"{100.0 * n / total:5.1f} %  {name}")
    print(f"({total:,} CPU samples)")
    compiled, compilations, paused = compiler_and_gc(path)
    print(f"outside the samples: JIT compilations {compiled:.1f} s elapsed ({compilations:,} methods; "
          f"waiting for a core included), GC pauses {paused:.1f} s")


def seconds(duration):
    """An ISO-8601 duration as JFR's JSON writes it (PT1M6.618S) in seconds."""
    m = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", duration)
    if not m:
        raise ValueError("not a JFR duration: " + duration)
    h, mins, secs = m.groups()
    return int(h or 0) * 3600 + int(mins or 0) * 60 + float(secs or 0)


def events(path, name):
    out = subprocess.run(["jfr", "print", "--json", "--events", name, path], capture_output=True, text=True, check=True).stdout
    return [e["values"] for e in json.loads(out)["recording"]["events"]]


def compiler_and_gc(path):
    stats = events(path, "jdk.CompilerStatistics")
    compiled = seconds(stats[-1]["totalTimeSpent"]) if stats else 0.0
    compilations = stats[-1]["compileCount"] if stats else 0
    paused = sum(seconds(e["sumOfPauses"]) for e in events(path, "jdk.GarbageCollection"))
    return compiled, compilations, paused


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
