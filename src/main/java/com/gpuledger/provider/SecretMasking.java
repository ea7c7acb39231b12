package com.gpuledger.provider;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps the secrets (the API token; the SMTP password and the webhook URL of delivery) out of every log line, whatever
 * the levels. {@code HttpURLConnection} logs each request's
 * headers, {@code Authorization} included, at DEBUG through the JDK's platform logger (bridged into Logback); other
 * libraries may print a request or an exception that carries it. This filter sees every event before any appender: one
 * whose message, arguments or exception hold the token is dropped and logged again with the token masked.
 * <p>
 * It is installed in code, not in a logging configuration, so that no configuration a user sets can remove it: a
 * reconfiguration (a {@code logback.xml}, Boot re-initialising the logging) resets the context, and the listener
 * installs the filter again.
 */
public final class SecretMasking extends TurboFilter implements LoggerContextListener {

    static final String MASK = "[token hidden]";

    /**
     * Shorter values are masked only where they follow {@code Bearer }: replacing a test's or the simulator's {@code x}
     * or {@code demo} everywhere would garble every line, and no real API key is that short.
     */
    static final int MIN_LENGTH = 8;
    private static final String BEARER = "Bearer ";

    private static final SecretMasking INSTANCE = new SecretMasking();
    private static final String FQCN = SecretMasking.class.getName();

    private final Set<String> secrets = new CopyOnWriteArraySet<>();
    private LoggerContext context;

    private SecretMasking() {
        setName("secret-masking");
    }

    /**
     * Masks {@code secret} in every later log event of this JVM's Logback context and in {@link #masked}: as an
     * {@code Authorization} value whatever its length, anywhere once it has {@value #MIN_LENGTH} characters or more.
     */
    public static synchronized void hide(String secret) {
        if (secret == null || secret.isBlank()) {
            return;
        }
        INSTANCE.secrets.add(BEARER + secret);
        if (secret.strip().length() >= MIN_LENGTH) {
            INSTANCE.secrets.add(secret);
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext loggerContext)) {
            return;
        }
        if (INSTANCE.context != loggerContext) {
            if (INSTANCE.getContext() == null) {
                INSTANCE.setContext(loggerContext);
            }
            INSTANCE.context = loggerContext;
            loggerContext.addListener(INSTANCE);
        }
        INSTANCE.attach();
    }

    private void attach() {
        if (!context.getTurboFilterList().contains(this)) {
            start();
            context.addTurboFilter(this);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if ((format == null && t == null) || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        String message = format == null ? "" : params == null || params.length == 0 ? format
                : MessageFormatter.arrayFormat(format, params).getMessage();
        String thrown = t == null ? "" : describe(t);
        if (!holdsSecret(message) && !holdsSecret(thrown)) {
            return FilterReply.NEUTRAL;
        }
        // the exception is kept only when it carries no secret: its stack would print the secret otherwise
        boolean keepThrowable = t != null && !holdsSecret(thrown);
        String masked = mask(message) + (t == null || keepThrowable ? "" : " [" + mask(thrown) + "]");
        logger.log(marker, FQCN, Level.toLocationAwareLoggerInteger(level), masked, null, keepThrowable ? t : null);
        return FilterReply.DENY;
    }

    private boolean holdsSecret(String text) {
        for (String secret : secrets) {
            if (text.contains(secret)) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with every secret masked, for what is stored or reported rather than logged. */
    static String masked(String text) {
        return text == null ? null : INSTANCE.mask(text);
    }

    private String mask(String text) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, secret.startsWith(BEARER) ? BEARER + MASK : MASK);
        }
        return masked;
    }

    private static String describe(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = t; cause != null && text.length() < 100_000; cause = cause.getCause()) {
            text.append(text.length() == 0 ? "" : "; caused by ").append(cause);
            if (cause.getCause() == cause) {
                break;
            }
        }
        return text.toString();
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void onReset(LoggerContext loggerContext) {
        attach();
    }

    @Override
    public void onStart(LoggerContext loggerContext) {
        attach();
    }

    @Override
    public void onStop(LoggerContext loggerContext) {
    }

    @Override
    public void onLevelChange(Logger logger, Level level) {
    }
}
