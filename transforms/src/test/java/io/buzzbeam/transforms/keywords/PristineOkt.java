package io.buzzbeam.transforms.keywords;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.openkoreantext.processor.OpenKoreanTextProcessorJava;

/**
 * open-korean-text as shipped, loaded in a class loader of its own. Its noun dictionary is one per
 * loaded copy of the library, and the copy of the test JVM holds whatever user words earlier tests
 * added (the union, see {@link KoreanTokenizer}); this copy has none, whatever the test order.
 */
final class PristineOkt {

  private static Class<?> library;

  private PristineOkt() {}

  /** normalize → tokenize → drop Space, as "text/Pos" strings (what KoreanTokenizer does). */
  static synchronized List<String> pos(String text) throws Exception {
    Class<?> okt = library();
    Method normalize = okt.getMethod("normalize", CharSequence.class);
    Method tokenize = okt.getMethod("tokenize", CharSequence.class);
    Method toJava = okt.getMethod("tokensToJavaKoreanTokenList", tokenize.getReturnType());
    Object normalized = normalize.invoke(null, text);
    List<?> tokens = (List<?>) toJava.invoke(null, tokenize.invoke(null, normalized));
    List<String> out = new ArrayList<>();
    for (Object t : tokens) {
      String pos = t.getClass().getMethod("getPos").invoke(t).toString();
      if (!pos.equals("Space")) {
        out.add(t.getClass().getMethod("getText").invoke(t) + "/" + pos);
      }
    }
    return out;
  }

  /**
   * The library's entry class in its own loader, made once (each copy loads its dictionaries:
   * seconds and ~72 MB) and kept for the test JVM's life. Parent: the platform loader, so that
   * no class of the library comes from the test's copy.
   */
  private static Class<?> library() throws Exception {
    if (library == null) {
      URL[] jars = {
        jarOf(OpenKoreanTextProcessorJava.class), jarOf(scala.Predef.class), jarOf(com.twitter.Extractor.class)
      };
      library =
          new URLClassLoader(jars, ClassLoader.getPlatformClassLoader())
              .loadClass(OpenKoreanTextProcessorJava.class.getName());
    }
    return library;
  }

  private static URL jarOf(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation();
  }
}
