package io.buzzbeam.transforms.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.model.Token;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * open-korean-text with the user dictionary (issue #14 point 5): slang it splits stays whole.
 * The "without" side uses a pristine copy of the library ({@link PristineOkt}): this JVM's copy
 * may already hold the default list, added by any test that ran before.
 */
class OktUserDictionaryTest {

  private static List<String> pos(CaptionTokenizer tokenizer, String text) {
    List<String> out = new ArrayList<>();
    for (Token t : tokenizer.tokenize(text)) {
      out.add(t.getText() + "/" + t.getPos());
    }
    return out;
  }

  @Test
  void withoutTheDictionaryOktSplitsTheSlang() throws Exception {
    // 육퇴 (육아 퇴근, "off duty from childcare") is in none of the library's dictionaries. Its
    // tokenizer prefers a parse made of known words to an unknown chunk: 육 is in its modifier
    // list (the Sino-Korean numeral six, as in 육 개월) and 퇴 (退) in its nouns. So the cloud
    // showed 퇴 alone: 육 is a Modifier, not a kept part of speech.
    assertEquals(List.of("육/Modifier", "퇴/Noun"), PristineOkt.pos("육퇴"));
    assertEquals(
        List.of("엄마/Noun", "는/Josa", "육/Modifier", "퇴/Noun", "기다리는/Verb", "중/Noun"),
        PristineOkt.pos("엄마는 육퇴 기다리는 중"));
    // The same preference eats the 육 of 육아 when the rest is not a known word.
    assertEquals(List.of("육/Modifier", "아스타/Noun", "그램/Noun"), PristineOkt.pos("육아스타그램"));
    assertEquals(List.of("맘/Noun", "스타/Noun", "그램/Noun"), PristineOkt.pos("맘스타그램"));
    assertEquals(List.of("등원/Noun", "룩/Suffix"), PristineOkt.pos("등원룩"));
  }

  @Test
  void withTheDefaultDictionaryTheSlangStaysWhole() {
    KoreanTokenizer okt = new KoreanTokenizer(UserDictionary.defaults());
    assertEquals(List.of("육퇴/Noun"), pos(okt, "육퇴"));
    assertEquals(
        List.of("엄마/Noun", "는/Josa", "육퇴/Noun", "기다리는/Verb", "중/Noun"),
        pos(okt, "엄마는 육퇴 기다리는 중"));
    assertEquals(List.of("육아스타그램/Noun"), pos(okt, "육아스타그램"));
    assertEquals(List.of("맘스타그램/Noun"), pos(okt, "맘스타그램"));
    assertEquals(List.of("어린이집/Noun", "등원룩/Noun"), pos(okt, "어린이집 등원룩"));
  }

  @Test
  void applyingAListAgainChangesNothing() {
    // Every DoFn instance of a worker builds its tokenizer in @Setup: only the first adds words.
    KoreanTokenizer first = new KoreanTokenizer(UserDictionary.defaults());
    var added = KoreanTokenizer.addedNouns();
    assertTrue(added.containsAll(UserDictionary.defaults().words()), added.toString());
    KoreanTokenizer second = new KoreanTokenizer(UserDictionary.defaults());
    assertEquals(added, KoreanTokenizer.addedNouns());
    assertEquals(pos(first, "육퇴 후 맥주 한잔"), pos(second, "육퇴 후 맥주 한잔"));
  }

  @Test
  void theLibraryDictionaryIsOnePerJvm() {
    // A second list adds to the first: a tokenizer built with no list at all keeps 육퇴 whole
    // once any list holding it was applied in this JVM (the documented union).
    new KoreanTokenizer(UserDictionary.of(List.of("육퇴")));
    assertEquals(List.of("육퇴/Noun"), pos(new KoreanTokenizer(UserDictionary.none()), "육퇴"));
  }
}
