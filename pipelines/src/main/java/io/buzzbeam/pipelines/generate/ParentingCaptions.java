package io.buzzbeam.pipelines.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Colloquial Korean parenting-diary captions (#육아일기): 2–5 short sentences from templates
 * with word lists, laughter and crying marks (ㅋㅋㅋ, ㅠㅠ), emoji, spelling variants
 * (넘 귀엽다 / 너무귀여워), then a row of hashtags — enough variety for a word cloud worth
 * looking at.
 */
final class ParentingCaptions {
  private ParentingCaptions() {}

  /**
   * A parent persona's child, as captions name it.
   *
   * @param called the name in running text (민준이, 준우)
   * @param vocative the name when calling the child (민준아, 준우야)
   */
  record Child(String called, String vocative, boolean son, boolean twins) {}

  private static final String[] LAUGH = {"ㅋㅋ", "ㅋㅋㅋ", "ㅋㅋㅋㅋㅋ", "ㅎㅎ", "ㅎㅎㅎ", "ㅋㅋㅋㅋ"};
  private static final String[] CRY = {"ㅠㅠ", "ㅜㅜ", "ㅠㅠㅠ", "ㅠ.ㅠ", "ㅜㅠ"};
  private static final String[] EMOJI = {
    "👶", "🍼", "💕", "🥰", "😍", "😭", "😴", "🤣", "❤️", "💛", "🌸", "☀️", "🎈", "🧸", "👣", "✨", "🙏", "😂"
  };
  private static final String[] CUTE = {
    "넘 귀엽다", "너무귀여워", "너무 귀여워", "귀엽당", "넘넘 귀여워", "진짜 귀여움", "심쿵", "귀여워 죽겠어"
  };
  private static final String[] FOODS = {
    "소고기", "단호박", "브로콜리", "애호박", "당근", "고구마", "감자", "바나나", "사과", "배", "시금치",
    "닭고기", "양배추", "비트", "청경채", "두부"
  };
  private static final String[] PLACES = {
    "키즈카페", "놀이터", "동물원", "아쿠아리움", "할머니댁", "문화센터", "한강공원", "바닷가", "소아과",
    "마트", "도서관", "캠핑장", "수목원"
  };
  private static final String[] GEAR = {
    "아기띠", "유모차", "범보의자", "점퍼루", "바운서", "젖병소독기", "아기침대", "카시트", "놀이매트", "빨대컵"
  };
  private static final String[] FIRST_WORDS = {"엄마", "아빠", "맘마", "까꿍", "빠빠", "멍멍", "안녕"};
  private static final String[] ACTIVITIES = {
    "블록놀이", "그림책 읽기", "촉감놀이", "물놀이", "산책", "비눗방울 놀이", "낮잠", "목욕", "까꿍놀이"
  };
  private static final String[] WEATHER = {"날씨 좋아서", "비와서 집에서", "선선해서", "너무 더워서 실내에서", "바람 불어서"};

  private static final String[] SENTENCES = {
    "오늘도 %C 덕분에 웃었어요 %L",
    "%C 이유식 %F 완밥했어요 %E",
    "%F 이유식 처음 먹여봤는데 잘 먹네요 %L",
    "이유식 만들기 %N일차 %F 큐브 완성 %E",
    "낮잠 %Z시간 자줘서 엄마도 커피 한잔 ☕",
    "낮잠 거부하는 날 %R 재우는데만 한시간",
    "어린이집 등원 %N일차 %R",
    "어린이집에서 울지도 않고 잘 놀았대요 %E",
    "어린이집 선생님이 %C 너무 순하대요 %L",
    "%C 드디어 뒤집기 성공!! %E",
    "첫 걸음마 뗐어요 %R 감동",
    "밤새 안 자서 엄마 좀비됨 %L",
    "%K %E",
    "%K %R",
    "돌잔치 준비하느라 정신없어요 %R",
    "%C 돌잔치 무사히 끝났어요 축하해주신 분들 감사해요 🙏",
    "예방접종 맞고 왔는데 울지도 않았어요 대견해 %E",
    "주말에 %P 다녀왔어요 %E",
    "오늘은 %P 가서 신나게 놀았어요 %L",
    "육아는 장비빨 %L %G 사길 잘했다",
    "%G 없었으면 어쩔뻔 %L",
    "목욕하고 꿀잠 자는 중 %E",
    "분유 먹고 트림 꺽 %L",
    "요즘 자꾸 %W 소리를 해요 %E",
    "첫니 났어요!!! %E",
    "엄마는 오늘도 육퇴 기다리는 중 %L",
    "육퇴 후 맥주 한잔 🍺 이 맛에 산다",
    "아빠랑 둘이 %A 중 %E",
    "감기 걸려서 콧물 줄줄 %R 얼른 나아라",
    "%M개월 아기 발달 체크 다 잘하고 있대요 %E",
    "오늘 %H %C 데리고 산책했어요",
    "하루하루 크는게 아까워요 %R",
    "사랑해 %Y %E",
    "힘들어도 웃는 얼굴 보면 다 잊혀져요 %E",
    "잠투정 심한 날 %R",
    "%C 요즘 %A에 푹 빠졌어요 %L",
    "엄마 껌딱지 %C %L 화장실도 못가요",
    "오늘 처음으로 혼자 숟가락질 했어요 %E",
    "밥 먹다가 졸아요 %L %K",
    "이앓이 하는지 계속 보채요 %R",
    "통잠 자는 날이 오긴 하나요 %R",
    "%N개월 차이 나는 사촌이랑 놀았어요 %L",
    "기록용 📝",
    "다들 육아 화이팅해요 💪",
  };
  private static final String[] TAGS = {
    "육아", "육아스타그램", "맘스타그램", "아기스타그램", "육아소통", "이유식", "아기일상", "육아맘",
    "육아기록", "베이비스타그램", "육아템", "워킹맘", "초보맘", "일상", "소통", "육아는템빨", "아기",
    "육아브이로그", "성장일기", "엄마", "육퇴", "어린이집"
  };

  static String caption(long h, Child child, int ageMonths) {
    StringBuilder sb = new StringBuilder(200);
    int n = 2 + Rand.below(Rand.mix(h + 1), 4);
    List<Integer> used = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long s = Rand.mix(h + 100 + i);
      int pick = Rand.below(s, SENTENCES.length);
      while (used.contains(pick)) {
        pick = (pick + 1) % SENTENCES.length; // no sentence twice in one caption
      }
      used.add(pick);
      if (i > 0) {
        sb.append(Rand.unit(Rand.mix(s + 1)) < 0.3 ? "\n" : " ");
      }
      sb.append(fill(SENTENCES[pick], Rand.mix(s + 2), child, ageMonths));
    }
    sb.append("\n\n#육아일기");
    List<String> tags = new ArrayList<>();
    tags.add(child.twins() ? "둥이맘" : child.son() ? "아들맘" : "딸맘");
    if (Rand.unit(Rand.mix(h + 3)) < 0.5) {
      tags.add(ageMonths < 12 ? ageMonths + "개월아기" : ageMonths < 24 ? "돌아기" : "두돌아기");
    }
    tags.add(child.son() ? "아들스타그램" : "딸스타그램");
    int extra = 1 + Rand.below(Rand.mix(h + 4), 5);
    for (int i = 0; i < extra; i++) {
      String t = Rand.pick(Rand.mix(h + 200 + i), TAGS);
      if (!tags.contains(t)) {
        tags.add(t);
      }
    }
    for (String t : tags) {
      sb.append(" #").append(t);
    }
    return sb.toString();
  }

  private static String fill(String template, long h, Child child, int ageMonths) {
    String childWord =
        child.twins()
            ? Rand.pick(h, new String[] {"둥이들", "우리 둥이들", "쌍둥이들"})
            : Rand.pick(h, child.son()
                ? new String[] {"우리 아들", "우리 왕자님", "꼬맹이", "아가", child.called(), "우리 아기"}
                : new String[] {"우리 딸", "우리 공주님", "꼬맹이", "아가", child.called(), "우리 아기"});
    return template
        .replace("%C", childWord)
        .replace("%Y", child.vocative())
        .replace("%F", Rand.pick(Rand.mix(h + 1), FOODS))
        .replace("%P", Rand.pick(Rand.mix(h + 2), PLACES))
        .replace("%G", Rand.pick(Rand.mix(h + 3), GEAR))
        .replace("%W", Rand.pick(Rand.mix(h + 4), FIRST_WORDS))
        .replace("%A", Rand.pick(Rand.mix(h + 5), ACTIVITIES))
        .replace("%H", Rand.pick(Rand.mix(h + 6), WEATHER))
        .replace("%K", Rand.pick(Rand.mix(h + 7), CUTE))
        .replace("%L", Rand.pick(Rand.mix(h + 8), LAUGH))
        .replace("%R", Rand.pick(Rand.mix(h + 9), CRY))
        .replace("%E", Rand.pick(Rand.mix(h + 10), EMOJI))
        .replace("%M", Integer.toString(Math.max(1, ageMonths)))
        .replace("%N", Integer.toString(2 + Rand.below(Rand.mix(h + 11), 12)))
        .replace("%Z", Integer.toString(1 + Rand.below(Rand.mix(h + 12), 3)));
  }
}
