package io.buzzbeam.transforms.ingest;

/**
 * The {@code source} of a media (SPEC §3), spelled once for the parser, the marts, the publisher
 * and the generator: where the media was found, which also says what its {@code scope} is.
 */
public final class Sources {

  private Sources() {}

  /** The brand's own account (business discovery); scope = the brand key. */
  public static final String BRAND = "brand";
  /** One of the brand's hashtag searches; scope = the envelope's brand key. */
  public static final String HASHTAG = "hashtag";
  /** An Instaloader post; scope = the owner's username. Takes no part in the brand marts. */
  public static final String CRAWL = "crawl";
}
