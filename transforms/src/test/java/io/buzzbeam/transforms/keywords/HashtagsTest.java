package io.buzzbeam.transforms.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashtagsTest {

  @Test
  void caseVariantsAreOneTag() {
    assertEquals(List.of("chanel"), Hashtags.extract("#CHANEL #chanel #Chanel"));
  }

  @Test
  void decomposedHangulEqualsItsComposedForm() {
    String nfd = Normalizer.normalize("샤넬", Normalizer.Form.NFD);
    // 샤넬 is 2 syllables; NFD spells them with 5 conjoining jamo (ㅅ ㅑ ㄴ ㅔ ㄹ).
    assertEquals(5, nfd.length());
    assertEquals(List.of("샤넬"), Hashtags.extract("#" + nfd + " 그리고 #샤넬"));
    assertEquals("샤넬".length(), Hashtags.extract("#" + nfd).get(0).length());
  }

  @Test
  void combiningMarksStayInTheTagAndCompose() {
    // e + U+0301 (combining acute) is a mark: part of the tag, composed to é by NFC.
    assertEquals(List.of("café"), Hashtags.extract("#Cafe\u0301 time"));
  }

  @Test
  void distinctInFirstSeenOrderWithoutHash() {
    assertEquals(
        List.of("샤넬백", "ootd", "2023_fw", "샤넬"),
        Hashtags.extract("#샤넬백,#OOTD! #2023_FW #샤넬백 #샤넬."));
  }

  @Test
  void aHashNeedsAtLeastOneTagCharacter() {
    assertEquals(List.of(), Hashtags.extract("# 띄어쓰기 #! ## #"));
    assertEquals(List.of("double"), Hashtags.extract("##double"));
    assertEquals(List.of(), Hashtags.extract(""));
    assertEquals(List.of(), Hashtags.extract(null));
  }

  @Test
  void punctuationAndEmojiEndATag() {
    assertEquals(List.of("신상", "가방"), Hashtags.extract("#신상😍#가방-예쁨"));
  }
}
