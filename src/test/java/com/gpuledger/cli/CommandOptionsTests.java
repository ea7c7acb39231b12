package com.gpuledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.gpuledger.run.UsageException;

class CommandOptionsTests {

    @Test
    void aReportDateIsFrom2000ToTomorrowWithAFourDigitYear() {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.MAX).plusDays(1);

        assertThat(date("2000-01-01")).isEqualTo(LocalDate.parse("2000-01-01"));
        assertThat(date(tomorrow.toString())).isEqualTo(tomorrow);
        for (String refused : List.of("-0001-12-31", "+10000-01-01", "+2026-01-01", "1999-12-31", tomorrow.plusDays(1).toString(),
                "2026-02-30", "2026-1-05", "20260105", "")) {
            assertThatThrownBy(() -> date(refused)).as(refused).isInstanceOf(UsageException.class).hasMessageContaining("--date=" + refused);
        }
        assertThatThrownBy(() -> date("1999-12-31")).hasMessageContaining("is not a report date: YYYY-MM-DD from 2000-01-01 to " + tomorrow);
    }

    @Test
    void anOptionGivenTwiceIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> new CommandOptions("run", List.of("--date=2026-01-05", "--date=2026-01-06"), Set.of("date")))
                .isInstanceOf(UsageException.class).hasMessage("'run' was given --date twice: give it once");
        assertThatThrownBy(() -> new CommandOptions("deliver", List.of("--again", "--again"), Set.of("date", "again")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--again twice");
    }

    private static LocalDate date(String value) {
        return new CommandOptions("run", List.of("--date=" + value), Set.of("date")).date("date");
    }
}
