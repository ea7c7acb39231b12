package com.gpuledger.metrics;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the deliveries of a date came to, as {@code report_delivery} records them (the delivery is told of the run's end
 * before the metrics are): a mail or an alert that failed is a sample an alert rule can see, although it never changes
 * the run's exit code.
 */
interface DeliveryStates {

    /** One channel's deliveries of the date in one state. */
    record Count(String channel, String status, int deliveries) {
    }

    /** @throws RuntimeException when they cannot be read (the database is down): the metrics then leave them out */
    List<Count> of(LocalDate reportDate);

    /** @throws RuntimeException as {@link #of} */
    int owed();

    static DeliveryStates fromDeliveries(JdbcClient jdbc) {
        return new DeliveryStates() {
            @Override
            public List<Count> of(LocalDate reportDate) {
                return jdbc.sql("""
                        SELECT channel, status, COUNT(*) FROM report_delivery WHERE report_date = ?
                        GROUP BY channel, status ORDER BY channel, status""")
                        .param(reportDate)
                        .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getInt(3)))
                        .list();
            }

            @Override
            public int owed() {
                return jdbc.sql("SELECT COUNT(*) FROM report_delivery WHERE status = 'FAILED'").query(Integer.class).single();
            }
        };
    }

    /** Deliveries no database can tell: the metrics leave them out. */
    static DeliveryStates unreadable(String why) {
        return new DeliveryStates() {
            @Override
            public List<Count> of(LocalDate reportDate) {
                throw new IllegalStateException(why);
            }

            @Override
            public int owed() {
                throw new IllegalStateException(why);
            }
        };
    }
}
