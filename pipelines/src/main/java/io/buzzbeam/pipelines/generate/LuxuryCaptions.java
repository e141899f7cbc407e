package io.buzzbeam.pipelines.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Captions around the luxury houses: the brands' own (English, campaign tone) and those of
 * people posting under a brand hashtag (mostly Korean, colloquial, emoji, several hashtags).
 * Built from templates and word lists so that hashtag and keyword marts have something real
 * to count.
 */
final class LuxuryCaptions {
  private LuxuryCaptions() {}

  private static final String[] SEASONS = {
    "Fall-Winter 2023/24", "Cruise 2023/24", "Spring-Summer 2024", "Pre-Fall 2023", "Holiday 2023"
  };
  private static final String[] OWN_ITEMS_EN = {
    "bag", "handbag", "tote", "shoulder bag", "sneakers", "loafers", "eyewear", "fragrance",
    "lipstick", "trench coat", "scarf", "jewellery", "watch", "belt", "wallet", "boots"
  };
  private static final String[] AMBASSADORS = {
    "JENNIE", "JISOO", "ROSÉ", "LISA", "SUGA", "JIMIN", "V", "Hanni", "Minji", "Haerin",
    "Kim Go-eun", "Song Kang", "Park Seo-joon", "Hoshi", "Cha Eun-woo", "Suzy"
  };
  private static final String[] CITIES = {
    "Paris", "Seoul", "Tokyo", "Milan", "London", "New York", "Shanghai", "Los Angeles"
  };
  private static final String[] OWN_TEMPLATES = {
    "The %B %S collection. Discover more via link in bio. #%T",
    "%A wears the %B %S %I. #%T #%A",
    "House ambassador %A in %C for the %B %S show. #%T%S0",
    "A new chapter for the %I: crafted in our ateliers, made to last. #%T",
    "Behind the scenes of the %S campaign, photographed in %C. #%T",
    "The %I, reimagined for the season. Available now in stores and online. #%T",
    "Live from %C: the %B %S show. #%T%S0",
    "%A x %B. #%T #%A",
    "Savoir-faire: hands at work on the %I. #%T #savoirfaire",
    "Celebrating the opening of the new %B boutique in %C. #%T",
    "%B %S — look %N. #%T%S0",
    "Introducing the %I in new colours for %S. #%T",
  };

  /** A brand's own post caption (the field may still be dropped as a fault). */
  static String brandCaption(long h, Brand brand) {
    String t = Rand.pick(Rand.mix(h + 1), OWN_TEMPLATES);
    String season = Rand.pick(Rand.mix(h + 2), SEASONS);
    String ambassador = Rand.pick(Rand.mix(h + 3), AMBASSADORS);
    String text =
        t.replace("%S0", season.replaceAll("[^A-Za-z0-9]", ""))
            .replace("%B", brand.name())
            .replace("%S", season)
            .replace("%I", Rand.pick(Rand.mix(h + 4), OWN_ITEMS_EN))
            .replace("%A", ambassador.replace(" ", "").replace("É", "E"))
            .replace("%C", Rand.pick(Rand.mix(h + 5), CITIES))
            .replace("%N", Integer.toString(1 + Rand.below(Rand.mix(h + 6), 60)))
            .replace("%T", brand.englishTag());
    // Korean ambassadors' posts often carry the Korean name too.
    if (Rand.unit(Rand.mix(h + 7)) < 0.25) {
      text += " #" + brand.koreanTag();
    }
    return text;
  }

  private static final String[] ITEMS_KO = {
    "가방", "지갑", "카드지갑", "스카프", "립스틱", "향수", "로퍼", "스니커즈", "벨트", "귀걸이",
    "목걸이", "선글라스", "클러치", "백팩", "트렌치코트", "반지", "팔찌", "머플러", "쿠션", "미니백"
  };
  private static final String[] PLACES_KO = {
    "현대백화점", "신세계 강남점", "롯데백화점 본점", "더현대 서울", "청담 플래그십", "제주 면세점",
    "인천공항 면세점", "갤러리아 명품관", "성수 팝업", "부산 센텀"
  };
  private static final String[] EMOJI = {
    "💕", "✨", "🖤", "🤍", "😍", "🥰", "🛍️", "🎁", "💝", "👜", "😭", "🙏", "👍", "🔥", "💯", "☺️", "🤎", "💐"
  };
  private static final String[] COMMUNITY_TEMPLATES_KO = {
    "오늘 %K %I 득템했어요 %E 넘 예쁘다ㅠㅠ",
    "드디어 %K %I 샀다!! %E 몇 달을 고민했는지 ㅋㅋㅋ",
    "생일선물로 받은 %K %I %E 남편 고마워~",
    "%P 다녀왔어요 %E 웨이팅 2시간 실화냐 ㅋㅋ",
    "%K %I 실착 후기 남겨요 %E 생각보다 가볍고 수납 최고",
    "데일리로 들기 좋은 %K %I %E 어디에나 잘 어울려요",
    "오픈런 성공 %E %K %I 재고 있을 때 바로 데려왔어요",
    "엄마 환갑 선물로 %K %I 준비했어요 %E 좋아하셨으면",
    "%K 신상 %I 구경하고 왔어요 %E 컬러 너무 고급스럽다",
    "출근룩 완성은 %K %I %E",
    "주말 나들이 %E %K %I 들고 카페 투어",
    "%K %I 언박싱 %E 박스부터 설렘 그 자체",
    "너무귀여워 ㅠㅠ %K %I 미니 사이즈 %E",
    "결혼기념일 선물 %E %K %I 평생 소장각",
    "%K %I vs %K %I2 뭐가 더 예뻐요? 골라주세요 %E",
    "가격 또 올랐대요 ㅠㅠ %K %I 미리 사둘걸 %E",
  };
  private static final String[] COMMUNITY_TEMPLATES_EN = {
    "New in: %B %IE %E",
    "Finally got my %B %IE %E dream bag unlocked",
    "Sunday vibes with my %B %IE %E",
    "Unboxing the %B %IE %E so in love",
    "Outfit of the day feat. %B %E",
    "Shopping day at %B %E #shoppingday",
  };
  private static final String[] ITEMS_EN = {
    "bag", "wallet", "loafers", "sneakers", "scarf", "perfume", "sunglasses", "belt", "mini bag",
    "tote", "earrings", "necklace"
  };
  private static final String[] GENERAL_TAGS = {
    "데일리룩", "ootd", "명품", "luxury", "쇼핑", "선물", "fashion", "패션", "일상", "daily",
    "코디", "가방", "신상", "명품가방", "오픈런", "언박싱", "unboxing", "fashionista", "데일리",
    "luxurylifestyle", "instafashion", "오오티디", "직장인룩", "여행", "면세점", "럭셔리"
  };

  /**
   * A community post's caption; it carries {@code #tag} for every hashtag in {@code tags}
   * (the ones it is found under) plus a few general ones.
   */
  static String communityCaption(long h, Brand brand, List<String> tags) {
    StringBuilder sb = new StringBuilder(160);
    boolean english = Rand.unit(Rand.mix(h + 1)) < 0.22;
    String t =
        english
            ? Rand.pick(Rand.mix(h + 2), COMMUNITY_TEMPLATES_EN)
            : Rand.pick(Rand.mix(h + 2), COMMUNITY_TEMPLATES_KO);
    String item = Rand.pick(Rand.mix(h + 3), ITEMS_KO);
    String item2 = Rand.pick(Rand.mix(h + 4), ITEMS_KO);
    sb.append(
        t.replace("%I2", item2)
            .replace("%IE", Rand.pick(Rand.mix(h + 5), ITEMS_EN))
            .replace("%I", item)
            .replace("%K", brand.koreanName())
            .replace("%B", brand.name())
            .replace("%P", Rand.pick(Rand.mix(h + 6), PLACES_KO))
            .replace("%E", Rand.pick(Rand.mix(h + 7), EMOJI)));
    if (Rand.unit(Rand.mix(h + 8)) < 0.4) {
      sb.append(Rand.pick(Rand.mix(h + 9), EMOJI));
    }
    sb.append(Rand.unit(Rand.mix(h + 10)) < 0.5 ? "\n\n" : " ");
    List<String> all = new ArrayList<>();
    for (String tag : tags) {
      all.add(tag);
    }
    int extra = 1 + Rand.below(Rand.mix(h + 11), 5);
    for (int i = 0; i < extra; i++) {
      String g = Rand.pick(Rand.mix(h + 20 + i), GENERAL_TAGS);
      if (!all.contains(g)) {
        all.add(g);
      }
    }
    // Item tags like #샤넬가방 are common; they must not look like the searched tag itself.
    if (Rand.unit(Rand.mix(h + 12)) < 0.35) {
      all.add(brand.koreanName() + item);
    }
    // The searched tags are not always first.
    int rotate = Rand.below(Rand.mix(h + 13), all.size());
    for (int i = 0; i < all.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append('#').append(all.get((i + rotate) % all.size()));
    }
    return sb.toString();
  }
}
