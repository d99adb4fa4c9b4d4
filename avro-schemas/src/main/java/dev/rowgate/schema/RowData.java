package dev.rowgate.schema;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;

/**
 * The Avro data model of valid rows: generic records of the table's schema, holding each column as
 * its Java type (BigDecimal, LocalDate, Instant, UUID for the logical types), with the origin and
 * source as the generated {@link dev.rowgate.avro.Origin} and {@link dev.rowgate.avro.SourceOffset}.
 */
final class RowData {

  static final SpecificData MODEL = new SpecificData();

  static {
    MODEL.addLogicalTypeConversion(new Conversions.DecimalConversion());
    MODEL.addLogicalTypeConversion(new Conversions.UUIDConversion());
    MODEL.addLogicalTypeConversion(new TimeConversions.DateConversion());
    MODEL.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
    MODEL.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
  }

  private RowData() {
  }
}
