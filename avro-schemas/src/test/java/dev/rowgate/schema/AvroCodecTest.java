package dev.rowgate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.JsonValue;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.RawRow;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class AvroCodecTest {

  static final Origin ORIGIN = new Origin(Channel.API_CSV, "b-1", 3, 4L, "hires.csv", Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void aRawRowTravelsInSingleObjectEncodingWithItsValuesTyped() {
    RawRow row = new RawRow(ORIGIN, List.of(new RawField("id", 7L), new RawField("name", "Ann"),
        new RawField("ok", true), new RawField("x", 1.5), new RawField("o", new JsonValue("{\"a\":1}")),
        new RawField("n", null)));

    byte[] bytes = AvroCodec.encode(row);

    assertThat(AvroCodec.isSingleObject(bytes)).isTrue();
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(AvroCodec.decodeRawRow(bytes)).isEqualTo(row);
  }

  @Test
  void bytesOfNoKnownSchemaAreRefusedWithAReason() {
    assertThat(AvroCodec.isSingleObject("{\"id\": 1}".getBytes())).isFalse();
    byte[] unknownFingerprint = {(byte) 0xC3, 1, 1, 2, 3, 4, 5, 6, 7, 8, 0};
    assertThatThrownBy(() -> AvroCodec.decodeRawRow(unknownFingerprint))
        .isInstanceOf(AvroCodec.AvroDecodingException.class).hasMessageContaining("RawRow");
  }

  @Test
  void aTextThatIsNotUtf8IsRefusedWhereAvroWouldPutU0fffdInItsPlace() {
    Utf8 notUtf8 = new Utf8(new byte[] {'x', (byte) 0xFF, (byte) 0xA9, 'y'});
    byte[] bytes = AvroCodec.encode(new RawRow(ORIGIN, List.of(new RawField("name", notUtf8))));

    assertThatThrownBy(() -> AvroCodec.decodeRawRow(bytes)).isInstanceOf(AvroCodec.AvroDecodingException.class)
        .hasMessage("not a RawRow record: a text is not UTF-8: byte 0xff at 1 of its 4 bytes");
  }

  @Test
  void u0fffdSentAsTheCharacterItIsIsText() {
    RawRow row = new RawRow(ORIGIN, List.of(new RawField("name", "x\ufffdy")));

    assertThat(AvroCodec.decodeRawRow(AvroCodec.encode(row))).isEqualTo(row);
  }
}
