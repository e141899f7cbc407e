package io.buzzbeam.transforms.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buzzbeam.model.Token;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.ko.POS;
import org.junit.jupiter.api.Test;

/** Lucene Nori behind {@link CaptionTokenizer}: Okt's parts of speech, stems, user dictionary. */
class NoriTokenizerTest {

  /** Tokens as "text/Pos" or "text/Pos(stem)". */
  private static List<String> pos(CaptionTokenizer tokenizer, String text) {
    List<String> out = new ArrayList<>();
    for (Token t : tokenizer.tokenize(text)) {
      out.add(t.getText() + "/" + t.getPos() + (t.getStem() == null ? "" : "(" + t.getStem() + ")"));
    }
    return out;
  }

  @Test
  void withoutTheDictionaryNoriSplitsTheSlangAndSomeBrands() {
    NoriTokenizer nori = new NoriTokenizer(UserDictionary.none());
    // mecab-ko-dic has no 육퇴 either: 육 becomes the numeral six (NR → Number), 퇴 a noun.
    assertEquals(List.of("육/Number", "퇴/Noun"), pos(nori, "육퇴"));
    assertEquals(List.of("맘/Noun", "스타/Noun", "그램/Noun"), pos(nori, "맘스타그램"));
    assertEquals(List.of("등원/Noun", "룩/Noun"), pos(nori, "등원룩"));
    // Brands Okt knows but mecab-ko-dic does not: 보테가베네타 even yields the particle 가.
    assertEquals(List.of("디/Noun", "올/Noun"), pos(nori, "디올"));
    assertEquals(List.of("펜/Noun", "디/Noun"), pos(nori, "펜디"));
    assertEquals(List.of("보테/Noun", "가/Josa", "베네타/Noun"), pos(nori, "보테가베네타"));
  }

  @Test
  void withTheDefaultDictionaryTheyStayWhole() {
    NoriTokenizer nori = new NoriTokenizer(UserDictionary.defaults());
    assertEquals(List.of("육퇴/Noun"), pos(nori, "육퇴"));
    assertEquals(
        List.of("엄마/Noun", "는/Josa", "육퇴/Noun", "기다리/Verb(기다리다)", "는/Eomi", "중/Noun"),
        pos(nori, "엄마는 육퇴 기다리는 중"));
    assertEquals(List.of("맘스타그램/Noun"), pos(nori, "맘스타그램"));
    assertEquals(List.of("등원룩/Noun"), pos(nori, "등원룩"));
    assertEquals(List.of("디올/Noun", "펜디/Noun", "보테가베네타/Noun"), pos(nori, "디올 펜디 보테가베네타"));
  }

  @Test
  void instagramEntitiesAreCutOutAndInflectedWordsStem() {
    // The caption of KoreanTokenizerTest: the same entities and kept classes as Okt, and Okt's
    // stems (예뻐요 = 예쁘/VA + 어요/E → 예쁘다; 샀어요 = 사/VV + 았/E + 어요/E → 사다). ㅋㅋ is an
    // interjection (IC) for Nori, a KoreanParticle for Okt: neither is kept.
    assertEquals(
        List.of(
            "#샤넬/Hashtag", "신상/Noun", "예뻐요/Adjective(예쁘다)", "😍/Foreign",
            "https://t.co/abc/URL", "@chanel/ScreenName", "BAG/Alpha", "ㅋㅋ/Exclamation",
            "샀어요/Verb(사다)"),
        pos(new NoriTokenizer(), "#샤넬 신상 예뻐요 😍 https://t.co/abc @chanel BAG ㅋㅋ 샀어요"));
    assertEquals(
        List.of("연락/Noun", "은/Josa", "shop@buzz.co.kr/Email", "로/Josa"),
        pos(new NoriTokenizer(), "연락은 shop@buzz.co.kr로"));
  }

  @Test
  void verbStemsOfSingleMorphemesAndCopulas() {
    // 갖고 is two entries, 갖/VV and 고/E; 있/VX is an auxiliary verb; 이다 is Josa, as in Okt.
    assertEquals(
        List.of("경험/Noun", "을/Josa", "갖/Verb(갖다)", "고/Eomi", "있/Verb(있다)", "는/Eomi", "KAI/Alpha", "는/Josa"),
        pos(new NoriTokenizer(), "경험을 갖고 있는 KAI는"));
    assertEquals(List.of("학생/Noun", "이/Josa", "다/Eomi"), pos(new NoriTokenizer(), "학생이다"));
  }

  @Test
  void compoundNounsStayWholeAndHanjaNounsStemToTheirReading() {
    // Decompound mode NONE: 어린이집 is not counted as 어린이 + 집.
    assertEquals(
        List.of("어린이집/Noun", "단호박/Noun", "韓國/Noun(한국)", "대학교/Noun"),
        pos(new NoriTokenizer(), "어린이집 단호박 韓國 대학교"));
    assertEquals(List.of(), new NoriTokenizer().tokenize(""));
    assertEquals(List.of(), new NoriTokenizer().tokenize(null));
  }

  @Test
  void onlyContentTagsMapToTheKeptClasses() {
    Set<POS.Tag> kept = EnumSet.noneOf(POS.Tag.class);
    for (POS.Tag tag : POS.Tag.values()) {
      if (Keywords.KEPT_POS.contains(NoriTokenizer.okt(tag))) {
        kept.add(tag);
      }
    }
    assertEquals(
        EnumSet.of(
            POS.Tag.NNG, POS.Tag.NNP, POS.Tag.NNB, POS.Tag.NP, POS.Tag.XR, POS.Tag.VV, POS.Tag.VX,
            POS.Tag.VA, POS.Tag.VCN, POS.Tag.SL),
        kept);
  }
}
