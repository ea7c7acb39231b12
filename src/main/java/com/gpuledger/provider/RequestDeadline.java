package com.gpuledger.provider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.http.client.SimpleClientHttpRequestFactory;

/**
 * A total deadline per request (connect, headers and the whole body; {@code LEDGER_API_REQUEST_DEADLINE}).
 * {@code HttpURLConnection}'s own timeouts count per connect and per read, so a body that trickles a byte a second
 * never trips them. Two guards end such a request: the body stream refuses every read once the deadline has passed,
 * and a watchdog disconnects the connection at the deadline, which ends a read that is blocked (on headers sent a byte
 * at a time, say). The attempt is bound to the calling thread, the one that opens the connection and reads the body.
 */
final class RequestDeadline {

    private final Duration limit;
    private final ScheduledThreadPoolExecutor watchdog;
    private final ThreadLocal<Attempt> current = new ThreadLocal<>();

    RequestDeadline(Duration limit) {
        this.limit = limit;
        this.watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "request-deadline");
            thread.setDaemon(true);
            return thread;
        });
        // 20,000 requests a night each leave a cancelled task: drop them at once instead of at their deadline
        this.watchdog.setRemoveOnCancelPolicy(true);
    }

    Duration limit() {
        return limit;
    }

    /** Starts the clock of one request on this thread; close it when the body has been read. */
    Attempt begin() {
        Attempt attempt = new Attempt(System.nanoTime() + limit.toNanos());
        current.set(attempt);
        return attempt;
    }

    /** Spring's simple factory, whose connections the current attempt's watchdog may disconnect. */
    SimpleClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory() {
            @Override
            protected void prepareConnection(HttpURLConnection connection, String httpMethod) throws IOException {
                super.prepareConnection(connection, httpMethod);
                Attempt attempt = current.get();
                if (attempt != null) {
                    attempt.watch(connection);
                }
            }
        };
        factory.setConnectTimeout(connectTimeout);
        factory.setReadTimeout(readTimeout);
        return factory;
    }

    final class Attempt implements AutoCloseable {

        private final long deadlineNanos;
        private volatile ScheduledFuture<?> disconnect;
        private volatile boolean disconnected;

        private Attempt(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        private void watch(HttpURLConnection connection) {
            long remaining = Math.max(0, deadlineNanos - System.nanoTime());
            disconnect = watchdog.schedule(() -> {
                disconnected = true;
                connection.disconnect();
            }, remaining, TimeUnit.NANOSECONDS);
        }

        /** Whether the deadline has passed (the failure of the call is then the deadline's). */
        boolean expired() {
            return disconnected || System.nanoTime() - deadlineNanos >= 0;
        }

        /** The body, each read refused once the deadline has passed. */
        InputStream guard(InputStream body) {
            return new FilterInputStream(body) {
                @Override
                public int read() throws IOException {
                    check();
                    return super.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    check();
                    return super.read(buffer, offset, length);
                }
            };
        }

        private void check() throws DeadlineExceededException {
            if (expired()) {
                throw new DeadlineExceededException();
            }
        }

        @Override
        public void close() {
            ScheduledFuture<?> scheduled = disconnect;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            current.remove();
        }
    }

    /** The body was still arriving at the deadline. */
    static final class DeadlineExceededException extends IOException {

        DeadlineExceededException() {
            super("request deadline passed", null);
        }
    }
}
