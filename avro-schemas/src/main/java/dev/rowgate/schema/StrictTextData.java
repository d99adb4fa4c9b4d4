package dev.rowgate.schema;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;

/**
 * A model of the generated classes whose readers refuse a string that is not UTF-8. Avro's own
 * reader puts U+FFFD in place of bytes that are no UTF-8, so a producer's broken text would reach
 * the table changed and nobody told; this reader fails the record instead, which the validator
 * then rejects whole, with its bytes. It reads without Avro's faster reader, so it is for records
 * that Avro's reader gave a U+FFFD.
 */
final class StrictTextData extends SpecificData {

  /** A model like {@code model}, with its logical type conversions, that reads strings strictly. */
  StrictTextData(SpecificData model) {
    super(model.getClassLoader());
    model.getConversions().forEach(this::addLogicalTypeConversion);
    // Both read strings without the reader's readString: generated decoding code and the fast reader.
    setCustomCoders(false);
    setFastReaderEnabled(false);
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public DatumReader createDatumReader(Schema writer, Schema reader) {
    return new StrictReader(writer, reader, this);
  }

  private static final class StrictReader<T> extends SpecificDatumReader<T> {

    StrictReader(Schema writer, Schema reader, SpecificData data) {
      super(writer, reader, data);
    }

    @Override
    protected Object readString(Object old, Schema expected, Decoder in) throws IOException {
      Utf8 bytes = in.readString(null);
      String text = new String(bytes.getBytes(), 0, bytes.getByteLength(), StandardCharsets.UTF_8);
      if (AvroCodec.holdsReplacement(text)) {
        requireUtf8(bytes);
      }
      Class<?> type = findStringClass(expected);
      if (type == String.class) {
        return text;
      }
      return type == CharSequence.class ? bytes : newInstanceFromString(type, text);
    }

    /** Decodes again, reporting bad bytes: U+FFFD may also have been sent as the character it is. */
    private static void requireUtf8(Utf8 bytes) {
      ByteBuffer in = ByteBuffer.wrap(bytes.getBytes(), 0, bytes.getByteLength());
      CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(in, CharBuffer.allocate(bytes.getByteLength()),
          true);
      if (result.isError()) {
        throw new AvroRuntimeException(String.format("a text is not UTF-8: byte 0x%02x at %d of its %d bytes",
            in.get(in.position()), in.position(), bytes.getByteLength()));
      }
    }
  }
}
