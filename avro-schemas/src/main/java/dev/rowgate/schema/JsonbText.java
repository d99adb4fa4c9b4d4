package dev.rowgate.schema;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON text that PostgreSQL's {@code jsonb} takes whatever the values hold. jsonb refuses the
 * escape {@code \u0000}, and a raw row may hold U+0000 anywhere (that is a reason to reject it):
 * it is written as U+FFFD, the replacement character, in names and values alike.
 */
public final class JsonbText {

  private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
      .characterEscapes(new NulAsReplacement()).build()).build();

  private JsonbText() {
  }

  public static String of(Object value) {
    return JSON.writeValueAsString(value);
  }

  private static final class NulAsReplacement extends CharacterEscapes {

    private static final SerializedString REPLACEMENT = new SerializedString("\\ufffd");
    private final int[] escapes = standardAsciiEscapesForJSON();

    NulAsReplacement() {
      escapes[0] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch == 0 ? REPLACEMENT : null;
    }
  }
}
