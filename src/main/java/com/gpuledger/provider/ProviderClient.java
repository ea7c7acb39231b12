package com.gpuledger.provider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/**
 * GET calls to the provider with retries: exponential backoff with jitter on 5xx, timeouts, broken connections and
 * unreadable bodies; {@code Retry-After} honoured on 429; 401/403 stop everything at once. Only a body whose
 * {@code status} is {@code success} is returned. Bodies and headers are never logged: they may hold secrets.
 * <p>
 * Every attempt is bounded: a total deadline (connect, headers and whole body) ends it as a failed attempt, retried like
 * a timeout; a body larger than the maximum is read no further and fails the call without a retry, since the same
 * request would bring the same body again.
 */
public class ProviderClient {

    private static final Logger log = LoggerFactory.getLogger(ProviderClient.class);

    /** A start time later than this beyond the provider's clock is unreadable. */
    static final Duration LATEST_TIME_AHEAD = Duration.ofDays(2);

    private final RestClient restClient;
    private final RetryPolicy retryPolicy;
    private final RequestPacer pacer;
    private final Semaphore inFlight;
    private final Duration maxRetryAfter;
    private final RequestDeadline deadline;
    private final int maxBodyBytes;
    private final ProviderClock clock;

    /** @param concurrency the most requests in flight at once, whichever threads send them ({@code LEDGER_FETCH_CONCURRENCY}) */
    ProviderClient(RestClient restClient, RequestDeadline deadline, int maxBodyBytes, int attempts, Duration backoff,
            double rateLimit, int concurrency, Duration maxRetryAfter, ProviderClock clock) {
        this.restClient = restClient;
        this.clock = clock;
        this.deadline = deadline;
        this.maxBodyBytes = maxBodyBytes;
        this.retryPolicy = RetryPolicy.builder()
                .maxRetries(attempts - 1)
                .delay(backoff)
                .multiplier(2)
                .jitter(backoff.dividedBy(2))
                .maxDelay(Duration.ofSeconds(30))
                .predicate(TransientFailure.class::isInstance)
                .build();
        this.pacer = new RequestPacer(rateLimit);
        this.inFlight = new Semaphore(concurrency);
        this.maxRetryAfter = maxRetryAfter;
    }

    /**
     * The detail of one instance.
     *
     * @throws ProviderCallException     when it still fails after the retries, or its payload cannot be parsed, or
     *                                   the id cannot be sent (a dot segment: no request is made)
     * @throws ProviderNotFoundException when the provider does not know the id
     * @throws TokenRefusedException     on 401/403
     */
    public InstanceDetail fetchInstance(String id) {
        if (id.equals(".") || id.equals("..")) {
            // sent as a path segment, a dot segment would be resolved away and address the list or the API root
            throw new ProviderCallException("instance id '" + id + "' refused: a dot segment cannot name an instance in the"
                    + " request path, no request was sent", null, 0, null);
        }
        String call = "GET /computing/instance/" + id;
        AtomicInteger attempts = new AtomicInteger();
        Reply reply = get(call, attempts, "/computing/instance/{id}", id);
        try {
            return InstanceDetailParser.parse(id, reply.envelope(), clock.instant().plus(LATEST_TIME_AHEAD), reply.date(),
                    ProviderJson.duplicateNames(reply.body()).getOrDefault(id, Set.of()));
        } catch (InvalidPayloadException e) {
            throw new ProviderCallException("instance " + id + ": " + e.getMessage() + " (HTTP 200)", 200, attempts.get(), e);
        }
    }

    /**
     * @param call a description for messages, e.g. {@code GET /computing/instances?offset=100}
     * @return the whole envelope, its status checked
     */
    JsonNode get(String call, String uriTemplate, Object... uriVariables) {
        return get(call, new AtomicInteger(), uriTemplate, uriVariables).envelope();
    }

    private Reply get(String call, AtomicInteger attempts, String uriTemplate, Object... uriVariables) {
        RetryTemplate retry = new RetryTemplate(retryPolicy);
        try {
            return retry.execute(() -> attempt(call, attempts.incrementAndGet(), uriTemplate, uriVariables));
        } catch (RetryException e) {
            Throwable last = e.getLastException();
            if (last instanceof TransientFailure transientFailure) {
                throw new ProviderCallException(transientFailure.getMessage() + " on " + call + " after "
                        + attempts.get() + " attempts", transientFailure.httpStatus, attempts.get(), last);
            }
            if (last instanceof ProviderNotFoundException notFound) {
                throw new ProviderNotFoundException(call, attempts.get());
            }
            if (last instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ProviderCallException(last.getMessage() + " on " + call, null, attempts.get(), last);
        }
    }

    private Reply attempt(String call, int attempt, String uriTemplate, Object... uriVariables) {
        pacer.awaitTurn();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted while waiting for a free request slot", null);
        }
        Answer answer;
        RequestDeadline.Attempt clock = deadline.begin();
        try {
            answer = restClient.get().uri(uriTemplate, uriVariables).exchange((request, response) -> {
                int status = response.getStatusCode().value();
                return new Answer(status,
                        response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER),
                        response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE),
                        response.getHeaders().getFirst(HttpHeaders.DATE),
                        read(clock.guard(response.getBody()), response.getHeaders().getContentLength(), status));
            });
        } catch (ResourceAccessException e) {
            log.debug("{} attempt {}: {}", call, attempt, e.getMessage());
            if (clock.expired()) {
                throw new TransientFailure("no whole answer within the request deadline of " + deadline.limit().toMillis()
                        + " ms (LEDGER_API_REQUEST_DEADLINE)", null);
            }
            throw new TransientFailure("no answer (" + rootMessage(e) + ")", null, e);
        } catch (BodyTooLargeException e) {
            throw new ProviderCallException("response body " + e.getMessage() + " is larger than the maximum of " + maxBodyBytes
                    + " bytes (LEDGER_API_MAX_BODY), not read further (HTTP " + e.status + ") on " + call, e.status, attempt, null);
        } finally {
            clock.close();
            inFlight.release();
        }
        int status = answer.status();
        if (status == 401 || status == 403) {
            throw new TokenRefusedException(status, call);
        }
        if (status == 404) {
            throw new ProviderNotFoundException(call, attempt);
        }
        if (status == 429) {
            waitRetryAfter(answer.retryAfter());
            throw new TransientFailure("HTTP 429 (throttled)", status);
        }
        if (status >= 500) {
            throw new TransientFailure("HTTP " + status, status);
        }
        if (status < 200 || status > 299) {
            throw new ProviderCallException("HTTP " + status + " on " + call, status, attempt, null);
        }
        Instant date = httpDate(answer.date());
        this.clock.observed(date);
        try {
            return new Reply(ProviderJson.envelope(answer.body(), answer.contentType()), date, answer.body());
        } catch (ProviderFailedStatusException e) {
            throw new ProviderCallException(e.getMessage() + " (HTTP " + status + ") on " + call, status, attempt, e);
        } catch (InvalidPayloadException e) {
            // truncated or foreign bodies (a proxy's HTML page) are usually passing: try again
            throw new TransientFailure(e.getMessage() + " (HTTP " + status + ")", status);
        }
    }

    private void waitRetryAfter(String retryAfter) {
        Duration wait = parseRetryAfter(retryAfter, clock.instant());
        if (wait.isZero()) {
            return;
        }
        if (wait.compareTo(maxRetryAfter) > 0) {
            wait = maxRetryAfter;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted while waiting for Retry-After", 429);
        }
    }

    /**
     * {@code Retry-After} is either delay seconds or an HTTP date; a date is on the provider's clock, so the wait
     * counts from {@code now} on that clock, never the machine's.
     */
    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        String text = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(text)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(now,
                        ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return Duration.ZERO;
            }
        }
    }

    /** The body as text, read no further than the maximum (a declared length beyond it is refused before reading). */
    private String read(InputStream body, long contentLength, int status) throws IOException {
        if (body == null) {
            return "";
        }
        if (contentLength > maxBodyBytes) {
            throw new BodyTooLargeException("of " + contentLength + " bytes (Content-Length)", status);
        }
        byte[] bytes = body.readNBytes(maxBodyBytes + 1);
        if (bytes.length > maxBodyBytes) {
            throw new BodyTooLargeException("of more than " + maxBodyBytes + " bytes", status);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The I/O exception under Spring's wrapper says what happened: ConnectException, HttpTimeoutException... */
    private static String rootMessage(ResourceAccessException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** The provider's clock as its {@code Date} header tells it; null when absent or not an HTTP date. */
    private static Instant httpDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private record Answer(int status, String retryAfter, String contentType, String date, String body) {
    }

    /** A checked envelope, when by the provider's clock it was sent, and the body it was read from. */
    private record Reply(JsonNode envelope, Instant date, String body) {
    }

    /** A body beyond {@code LEDGER_API_MAX_BODY}; unchecked, so that the client does not wrap it as an I/O error. */
    private static final class BodyTooLargeException extends RuntimeException {

        private final int status;

        BodyTooLargeException(String size, int status) {
            super(size, null, false, false);
            this.status = status;
        }
    }

    /** A failure worth another attempt. */
    static final class TransientFailure extends RuntimeException {

        private final Integer httpStatus;

        TransientFailure(String message, Integer httpStatus) {
            this(message, httpStatus, null);
        }

        /** @param cause what went wrong below HTTP (a refused connection), kept so the caller can name where it failed */
        TransientFailure(String message, Integer httpStatus, Throwable cause) {
            super(message, cause, false, false);
            this.httpStatus = httpStatus;
        }
    }
}
