#!/usr/bin/env python3
"""Turns a generated landing zone's Graph captions into real Korean text (issue #12's third zone).

Each distinct generated caption is replaced by one review of the NSMC corpus, chosen by a hash of
the caption, so a media keeps the same caption in every poll and the zone keeps its number of
distinct captions; the caption's hashtags are kept after the review, so the hashtag marts still
have their input. Instaloader files are left as generated (a few hundred posts). Standard library
only; rewrites the zone in place.

usage: realtext_zone.py ZONE NSMC_FILE
"""
import gzip
import hashlib
import json
import os
import re
import sys

HASHTAG = re.compile(r"#[^\s#]+")


def reviews_of(path):
    with open(path, encoding="utf-8") as f:
        next(f)  # header: id, document, label
        out = [line.rstrip("\n").split("\t")[1] for line in f if line.count("\t") == 2]
    return [r for r in out if r.strip()]


def main(zone, corpus):
    reviews = reviews_of(corpus)
    chosen = {}

    def replace(caption):
        if caption not in chosen:
            h = int.from_bytes(hashlib.blake2b(caption.encode("utf-8"), digest_size=8).digest(), "big")
            tags = " ".join(HASHTAG.findall(caption))
            chosen[caption] = (reviews[h % len(reviews)] + (" " + tags if tags else "")).strip()
        return chosen[caption]

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "caption" and isinstance(v, str):
                    node[k] = replace(v)
                else:
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    files = 0
    for root, _, names in os.walk(os.path.join(zone, "graph")):
        for name in names:
            if name.endswith(".jsonl"):
                opener = open
            elif name.endswith(".jsonl.gz"):
                opener = gzip.open
            else:
                continue  # other compressions stay as generated
            path = os.path.join(root, name)
            out = []
            with opener(path, "rb") as f:
                try:
                    lines = list(f)
                except (OSError, EOFError):
                    continue  # the generator's truncated archives stay truncated
            for line in lines:
                try:
                    doc = json.loads(line.decode("utf-8"))
                except ValueError:
                    out.append(line)  # the generator's malformed lines stay malformed
                    continue
                walk(doc)
                out.append((json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"))
            with opener(path, "wb") as f:
                f.writelines(out)
            files += 1
    print(f"realtext_zone: {len(chosen):,} distinct captions replaced by NSMC reviews in {files} files")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
