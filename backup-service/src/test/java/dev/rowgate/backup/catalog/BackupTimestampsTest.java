package dev.rowgate.backup.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackupTimestampsTest {

  private static final long MICROS_1970_TO_2000 = 946_684_800_000_000L;

  @Test
  void postgresMicrosecondsSince2000BecomeMicrosecondsSince1970AndInfinitiesTheExtremeLongs() {
    assertThat(BackupTimestamps.fromPostgres(0)).isEqualTo(MICROS_1970_TO_2000);
    assertThat(BackupTimestamps.fromPostgres(-MICROS_1970_TO_2000 - 1)).isEqualTo(-1);
    assertThat(BackupTimestamps.fromPostgres(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(BackupTimestamps.fromPostgres(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    assertThat(BackupTimestamps.fromPostgres(Long.MAX_VALUE - 1 - MICROS_1970_TO_2000)).isEqualTo(Long.MAX_VALUE - 1);
    assertThatThrownBy(() -> BackupTimestamps.fromPostgres(Long.MAX_VALUE - MICROS_1970_TO_2000))
        .hasMessage("a time after 294247-01-10T04:00:54.775806Z, the last one a backup holds");
  }

  @Test
  void copyTextIsWhatPostgresReadsForEveryYear() {
    assertThat(BackupTimestamps.copyText(-1)).isEqualTo("1969-12-31T23:59:59.999999Z");
    assertThat(BackupTimestamps.copyText(Long.MAX_VALUE)).isEqualTo("infinity");
    assertThat(BackupTimestamps.copyText(Long.MIN_VALUE)).isEqualTo("-infinity");
    long year10000 = 253_402_300_800_000_000L;
    assertThat(BackupTimestamps.copyText(year10000)).isEqualTo("10000-01-01T00:00:00Z");
    assertThat(BackupTimestamps.copyText(year10000 - 1)).isEqualTo("9999-12-31T23:59:59.999999Z");
    long year1 = -62_135_596_800_000_000L;
    assertThat(BackupTimestamps.copyText(year1)).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(BackupTimestamps.copyText(year1 - 1)).isEqualTo("0001-12-31T23:59:59.999999Z BC");
    assertThat(BackupTimestamps.copyText(year1 - 366L * 86_400_000_000L)).isEqualTo("0001-01-01T00:00:00Z BC");
    assertThat(BackupTimestamps.copyText(year1 - (366L + 365) * 86_400_000_000L)).isEqualTo("0002-01-01T00:00:00Z BC");
  }
}
