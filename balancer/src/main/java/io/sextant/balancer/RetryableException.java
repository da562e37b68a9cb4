package io.sextant.balancer;

/**
 * Marks a failure of a call as safe to retry on another instance: {@link Balancer#execute} and
 * {@link Balancer#executeAsync} retry a call that throws (or completes with) one of these, or any
 * exception whose cause chain holds one, under the {@linkplain BalancerOptions#retryOn() default
 * retry predicate}. Throw it from a call when the request did not reach the instance's application
 * or is idempotent, e.g. an HTTP 503 before any side effect:
 *
 * <pre>{@code
 * balancer.execute(ctx, instance -> {
 *     HttpResponse<String> r = http.send(request(instance), ofString());
 *     if (r.statusCode() == 503) throw new RetryableException("503 from " + instance.address());
 *     return r.body();
 * });
 * }</pre>
 *
 * <p>Unchecked, so lambdas may throw it without declaring it.
 */
public class RetryableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A retryable failure described by {@code message}. */
    public RetryableException(String message) {
        super(message);
    }

    /** A retryable failure described by {@code message}, caused by {@code cause}. */
    public RetryableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Marks {@code cause} as retryable; the message is the cause's. */
    public RetryableException(Throwable cause) {
        super(cause);
    }
}
