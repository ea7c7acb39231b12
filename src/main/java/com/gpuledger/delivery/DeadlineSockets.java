package com.gpuledger.delivery;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;

/**
 * Sockets whose whole life, from creation to close, fits in a deadline: the connect, the server's greeting, every
 * command and its answer, the message. A server's own timeouts count per read, so one that sends a byte every 2 s
 * never trips them; here a watchdog closes the socket at the deadline, which ends a blocked connect, read or write,
 * and every later read or write is refused. Either ends as a {@link SocketTimeoutException} naming the setting.
 * The name lookup before the connect is the resolver's, bounded by its own timeouts.
 */
final class DeadlineSockets extends SocketFactory {

    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    private final Duration limit;
    private final String setting;

    /** @param setting the variable that sets the limit, named in the failure ({@code LEDGER_MAIL_DEADLINE}) */
    DeadlineSockets(Duration limit, String setting) {
        this.limit = limit;
        this.setting = setting;
    }

    @Override
    public Socket createSocket() {
        return new DeadlineSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localAddress, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(SocketAddress remote, SocketAddress local) throws IOException {
        Socket socket = new DeadlineSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "delivery-deadline");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.setRemoveOnCancelPolicy(true);
        return watchdog;
    }

    private final class DeadlineSocket extends Socket {

        private final long deadlineNanos = System.nanoTime() + limit.toNanos();
        private final ScheduledFuture<?> closing;
        private volatile boolean expired;

        DeadlineSocket() {
            closing = WATCHDOG.schedule(this::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
            try {
                check();
                super.connect(endpoint, (int) Math.min(timeout == 0 ? Integer.MAX_VALUE : timeout, remaining));
            } catch (IOException e) {
                throw translated(e);
            }
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new FilterInputStream(super.getInputStream()) {
                @Override
                public int read() throws IOException {
                    try {
                        check();
                        return super.read();
                    } catch (IOException e) {
                        throw translated(e);
                    }
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    try {
                        check();
                        return super.read(buffer, offset, length);
                    } catch (IOException e) {
                        throw translated(e);
                    }
                }
            };
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return new FilterOutputStream(super.getOutputStream()) {
                @Override
                public void write(int b) throws IOException {
                    try {
                        check();
                        out.write(b);
                    } catch (IOException e) {
                        throw translated(e);
                    }
                }

                @Override
                public void write(byte[] buffer, int offset, int length) throws IOException {
                    try {
                        check();
                        out.write(buffer, offset, length);
                    } catch (IOException e) {
                        throw translated(e);
                    }
                }
            };
        }

        @Override
        public synchronized void close() throws IOException {
            closing.cancel(false);
            super.close();
        }

        private void expire() {
            expired = true;
            try {
                close();
            } catch (IOException e) {
                // the socket is unusable either way: the next read or write fails as the deadline's
            }
        }

        private void check() throws SocketTimeoutException {
            if (expired || System.nanoTime() - deadlineNanos >= 0) {
                expired = true;
                throw new SocketTimeoutException(message());
            }
        }

        /** A failure caused by the deadline (the socket closed under a read) is reported as the deadline's. */
        private IOException translated(IOException e) {
            if (!expired || e instanceof SocketTimeoutException) {
                return e;
            }
            SocketTimeoutException timeout = new SocketTimeoutException(message());
            timeout.initCause(e);
            return timeout;
        }

        private String message() {
            return "no whole conversation within " + setting + " (" + (limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s"
                    : limit.toMillis() + " ms") + ")";
        }
    }
}
