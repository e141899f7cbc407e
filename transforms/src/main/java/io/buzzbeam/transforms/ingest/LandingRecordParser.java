package io.buzzbeam.transforms.ingest;

import java.time.ZoneId;

/**
 * Parses and validates one raw landing record (SPEC §1–§3) into valid media / profile snapshots,
 * dead letters and quality counts, by what it reads: a Graph API envelope line ({@link
 * EnvelopeParser}) or an Instaloader post file ({@link InstaloaderPostParser}). Both apply the
 * shared {@link MediaRules}; envelopes also the {@link ProfileRules}. Plain Java so that the rules
 * can be read (and tested) apart from the pipeline.
 *
 * <p>Every item read is either emitted valid or rejected with all its reasons, so per model
 * {@code read = valid + rejected} ({@link ParseOutcomes}).
 *
 * <p>Nothing a sink cannot store gets through (SPEC §2 Limits): times outside 1970–9999 are
 * invalid; keys (id, username, brand, hashtag) holding a control character are invalid; a NUL in
 * free text (caption, name, media_url, permalink) is removed and the field counted as defaulted,
 * because PostgreSQL {@code text} refuses NUL while the rest of the text is still good data.
 */
final class LandingRecordParser {

  private final EnvelopeParser envelopes;
  private final InstaloaderPostParser posts;

  LandingRecordParser(ZoneId zone, ParseSink sink) {
    ParseOutcomes outcomes = new ParseOutcomes(sink);
    this.envelopes = new EnvelopeParser(zone, outcomes);
    this.posts = new InstaloaderPostParser(zone, outcomes);
  }

  void parse(RawRecord record) {
    if (RawRecord.FORMAT_INSTALOADER.equals(record.format)) {
      posts.parse(record);
    } else {
      envelopes.parse(record);
    }
  }
}
