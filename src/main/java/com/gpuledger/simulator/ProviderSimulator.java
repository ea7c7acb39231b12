package com.gpuledger.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A simulated Nebula Block provider API on 127.0.0.1, deterministic for given {@link SimulatorSettings}. Its clock
 * stands still unless set or advanced (also through {@code /_sim/clock} and {@code /_sim/advance}), or, with
 * {@link SimulatorSettings.Realism#maxRequestSeconds()}, moves as requests take their simulated time.
 * It serves with Jetty because the JDK's server stamps every answer's {@code Date} with the machine's clock.
 */
public final class ProviderSimulator implements AutoCloseable {

    private static final int THREADS = 128;
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3_600);

    private final SimulatorSettings settings;
    private final InstanceIds ids;
    private final PriceBook prices;
    private final Fleet fleet;
    private final ProviderPayloads payloads;
    private final Object clockLock = new Object();
    private final Object viewLock = new Object();
    private volatile long now;
    private volatile ClockView view;
    private Server server;
    private ServerConnector connector;
    private boolean closed;

    public ProviderSimulator(SimulatorSettings settings) {
        this.settings = settings;
        this.ids = new InstanceIds(settings.seed(), settings.fleetSize());
        this.prices = new PriceBook(settings.seed(), settings.genesis().getEpochSecond());
        this.fleet = new Fleet(settings.seed(), settings.fleetSize(), settings.genesis().getEpochSecond(), prices,
                ids, settings.deletedRetentionDays() * 86_400L, settings.realism().stopRate(),
                settings.realism().meteredCharges());
        this.payloads = new ProviderPayloads(settings.seed(), ids, prices, settings.realism(), settings.transactionHistory());
        this.now = settings.initialNow().getEpochSecond();
    }

    /** Starts serving on 127.0.0.1; port 0 picks a free port. Returns the bound port. */
    public synchronized int start(int port) {
        if (server != null || closed) {
            throw new IllegalStateException(closed ? "Simulator closed" : "Simulator already started");
        }
        view();
        QueuedThreadPool threads = new QueuedThreadPool(THREADS);
        threads.setName("provider-simulator");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendDateHeader(false);
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(1_024);
        server.addConnector(connector);
        server.setHandler(new ProviderHandler(this, settings, payloads));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            throw new IllegalStateException("Cannot start the simulator on 127.0.0.1:" + port, e);
        }
        return connector.getLocalPort();
    }

    /** The API base URL, e.g. {@code http://127.0.0.1:8089/api/v1}. */
    public synchronized String baseUrl() {
        if (server == null) {
            throw new IllegalStateException("Simulator not started");
        }
        return "http://127.0.0.1:" + connector.getLocalPort() + "/api/v1";
    }

    /** The simulated clock, whole seconds. */
    public Instant now() {
        return Instant.ofEpochSecond(now);
    }

    /** Sets the clock (truncated to the second); it may move backwards. */
    public void setNow(Instant now) {
        synchronized (clockLock) {
            this.now = now.truncatedTo(ChronoUnit.SECONDS).getEpochSecond();
        }
        view();
    }

    /** Moves the clock by whole seconds of {@code d}. */
    public void advance(Duration d) {
        synchronized (clockLock) {
            this.now = Math.addExact(this.now, d.getSeconds());
        }
        view();
    }

    /** Stops the server; a closed simulator cannot be started again. */
    @Override
    public synchronized void close() {
        if (server != null && !closed) {
            stopQuietly();
        }
        closed = true;
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort: its threads are daemons
        }
    }

    /**
     * What the fleet accrued during [from, min(to, now)): exact to 12 decimals (the division by 3600 need not
     * terminate), never rounded to cents.
     */
    public BigDecimal accruedCost(Instant from, Instant to) {
        long until = Math.min(to.getEpochSecond(), now);
        return BigDecimal.valueOf(fleet.numerator(from.getEpochSecond(), until), 4)
                .divide(SECONDS_PER_HOUR, 12, RoundingMode.HALF_UP);
    }

    /** Instances active at now: started at or before now and not yet deleted. */
    public int activeCount() {
        return view().active().length;
    }

    /** What the API shows at the current clock, computed once per clock value. */
    ClockView view() {
        long at = now;
        ClockView current = view;
        if (current != null && current.now() == at) {
            return current;
        }
        synchronized (viewLock) {
            current = view;
            if (current == null || current.now() != at) {
                current = fleet.viewAt(at);
                view = current;
            }
            return current;
        }
    }

    InstanceIds ids() {
        return ids;
    }

    Fleet fleet() {
        return fleet;
    }

    PriceBook prices() {
        return prices;
    }

    ProviderPayloads payloads() {
        return payloads;
    }
}
