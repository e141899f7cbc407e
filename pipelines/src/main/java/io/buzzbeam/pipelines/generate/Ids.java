package io.buzzbeam.pipelines.generate;

/**
 * Instagram-looking identifiers. Media ids are 17-digit numbers unique per namespace (a
 * namespace is a brand's own grid, a brand's hashtag community, or a parent account): a
 * seeded offset plus a strictly increasing sequence with random gaps, so no two posts collide.
 */
final class Ids {
  private static final char[] SHORTCODE_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Ids() {}

  /** Namespaces 0..99. */
  static String mediaId(long seed, int namespace, long sequence) {
    long base = 17_900_000_000_000_000L + namespace * 1_000_000_000_000L;
    long offset = Math.floorMod(Rand.hash(seed, 11, namespace), 100_000_000_000L);
    long gap = Rand.below(Rand.hash(seed, 12, namespace, sequence), 7);
    return Long.toString(base + offset + sequence * 7 + gap);
  }

  static String shortcode(String mediaId) {
    long h = Rand.mix(Long.parseLong(mediaId));
    StringBuilder sb = new StringBuilder(11);
    sb.append('C');
    for (int i = 0; i < 10; i++) {
      sb.append(SHORTCODE_ALPHABET[(int) (h & 63)]);
      h = i == 4 ? Rand.mix(h) : h >>> 6;
    }
    return sb.toString();
  }

  /** An Instagram business account id ({@code 17841…}, 17 digits). */
  static String igUserId(long seed, String username) {
    return "17841" + String.format("%012d", Math.floorMod(Rand.hash(seed, 21, Rand.key(username)), 1_000_000_000_000L));
  }

  static String hashtagId(long seed, String hashtag) {
    return "17843" + String.format("%012d", Math.floorMod(Rand.hash(seed, 22, Rand.key(hashtag)), 1_000_000_000_000L));
  }

  static String hex(long hash, int length) {
    return draw(hash, length, HEX, 4); // a fresh 64 bits per 16 digits
  }

  /** Base64url-looking token, for cursors and fbtrace ids. */
  static String token(long hash, int length) {
    return draw(hash, length, SHORTCODE_ALPHABET, 6); // a fresh 60 bits per 10 characters
  }

  /**
   * {@code length} characters of {@code alphabet} (2^{@code bitsPerChar} of them), each taken from
   * the next {@code bitsPerChar} bits of a mix of {@code hash}, mixed afresh every 64 / {@code bitsPerChar}
   * characters.
   */
  private static String draw(long hash, int length, char[] alphabet, int bitsPerChar) {
    int perMix = 64 / bitsPerChar;
    long mask = (1L << bitsPerChar) - 1;
    StringBuilder sb = new StringBuilder(length);
    long bits = 0;
    for (int i = 0; i < length; i++) {
      if (i % perMix == 0) {
        bits = Rand.mix(hash + i);
      }
      sb.append(alphabet[(int) (bits & mask)]);
      bits >>>= bitsPerChar;
    }
    return sb.toString();
  }

  /** A CDN URL like the ones the Graph API returns (signed, expiring). */
  static String mediaUrl(String mediaId, String mediaType) {
    long h = Rand.mix(Long.parseLong(mediaId) ^ 0x5eedL);
    if ("VIDEO".equals(mediaType)) {
      return "https://scontent-ssn1-1.cdninstagram.com/o1/v/t16/f1/m82/" + hex(h, 32).toUpperCase()
          + "_video_dashinit.mp4?efg=eyJ2ZW5jb2RlX3RhZyI6InZ0c192b2RfdXJsZ2VuLjcyMC5jbGlwcyJ9"
          + "&_nc_ht=scontent-ssn1-1.cdninstagram.com&_nc_cat=1&vs=" + (h >>> 40)
          + "&oh=00_" + token(Rand.mix(h), 40) + "&oe=" + hex(Rand.mix(h ^ 7), 8).toUpperCase();
    }
    return "https://scontent-ssn1-1.cdninstagram.com/v/t51.29350-15/" + (370_000_000L + (h >>> 36))
        + "_" + (h >>> 44) + "_" + Math.floorMod(h, 10_000_000_000L) + "_n.jpg?_nc_cat=1&ccb=1-7&_nc_sid=8ae9d6"
        + "&_nc_ohc=" + token(Rand.mix(h ^ 3), 11) + "&_nc_ht=scontent-ssn1-1.cdninstagram.com"
        + "&oh=00_" + token(Rand.mix(h ^ 5), 40) + "&oe=" + hex(Rand.mix(h ^ 7), 8).toUpperCase();
  }

  static String permalink(String shortcode, String productType) {
    return "https://www.instagram.com/" + ("REELS".equals(productType) ? "reel/" : "p/") + shortcode + "/";
  }
}
