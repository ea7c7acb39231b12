package com.gpuledger.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LEDGER_FETCH_RATE_LIMIT on a simulated monotonic clock that only the pacer's waits move forward. */
class RequestPacerTests {

    private static final long START = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(START);
    private final List<Long> parks = new ArrayList<>();

    private RequestPacer pacer(double requestsPerSecond) {
        return new RequestPacer(requestsPerSecond, now::get, nanos -> {
            parks.add(nanos);
            now.addAndGet(nanos);
        });
    }

    @Test
    void fourPerSecondSendsEveryQuarterSecondFromTheFirst() {
        RequestPacer pacer = pacer(4);
        List<Long> sentAt = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pacer.awaitTurn();
            sentAt.add(now.get() - START);
        }

        long quarter = TimeUnit.MILLISECONDS.toNanos(250);
        assertThat(sentAt).containsExactly(0L, quarter, 2 * quarter, 3 * quarter, 4 * quarter);
    }

    @Test
    void aCallerThatComesLateIsNotMadeToWaitAndDoesNotEarnABurst() {
        RequestPacer pacer = pacer(2);
        pacer.awaitTurn();
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        parks.clear();

        pacer.awaitTurn();
        assertThat(parks).isEmpty();
        pacer.awaitTurn();
        assertThat(parks).containsExactly(TimeUnit.MILLISECONDS.toNanos(500));
    }

    @Test
    void aParkThatReturnsEarlyIsAskedAgainUntilTheSlot() {
        List<Long> asked = new ArrayList<>();
        RequestPacer pacer = new RequestPacer(1, now::get, nanos -> {
            asked.add(nanos);
            now.addAndGet(Math.min(nanos, TimeUnit.MILLISECONDS.toNanos(300)));
        });
        pacer.awaitTurn();
        pacer.awaitTurn();

        assertThat(now.get() - START).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(asked).containsExactly(1_000_000_000L, 700_000_000L, 400_000_000L, 100_000_000L);
    }

    @ParameterizedTest(name = "a limit of {0} is unlimited")
    @ValueSource(doubles = {0, -1})
    void zeroMeansUnlimited(double limit) {
        RequestPacer pacer = pacer(limit);
        for (int i = 0; i < 1000; i++) {
            pacer.awaitTurn();
        }

        assertThat(parks).isEmpty();
        assertThat(now.get()).isEqualTo(START);
    }
}
