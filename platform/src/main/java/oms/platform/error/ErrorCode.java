package oms.platform.error;

/**
 * Every stable error code of the API, the subgraphs' and the router's: clients switch on these, so a
 * code is never renamed or reused for another meaning. README's error table, the subgraph schemas'
 * {@code ErrorCode} enums and the router's plugins are checked against this list by the tests.
 */
public enum ErrorCode {
    /** The caller's input is malformed in a way no more specific code describes. */
    INVALID_ARGUMENT,
    /** No entity exists with the given id, sku or key. */
    NOT_FOUND,
    /** {@code first} is negative or above the page-size cap. */
    PAGE_SIZE_OUT_OF_RANGE,
    /** An {@code after} cursor that this API did not issue. */
    INVALID_CURSOR,
    INVALID_EMAIL,
    DUPLICATE_EMAIL,
    /** The signed-in account already has a customer profile. */
    PROFILE_EXISTS,
    DUPLICATE_SKU,
    INVALID_PRICE,
    /** A stock adjustment would make on-hand negative or below what is reserved. */
    NEGATIVE_STOCK,
    /** The status machine does not allow this change from the current status. */
    INVALID_STATUS_TRANSITION,
    /** An order can only be cancelled before it ships. */
    ORDER_NOT_CANCELLABLE,
    /** Another shipment already has this tracking number. */
    DUPLICATE_TRACKING_NUMBER,
    /** The customer is unknown or blocked and cannot place orders. */
    CUSTOMER_NOT_ALLOWED,
    /** The product is unknown or no longer sold. */
    PRODUCT_UNAVAILABLE,
    /** The given unit price differs from the catalogue price. */
    PRICE_MISMATCH,
    /** The same idempotency key was used before with different content. */
    IDEMPOTENCY_KEY_REUSED,
    /** The order was not created because another order of the same all-or-nothing batch was invalid. */
    BATCH_ABORTED,
    /** Too many orders or lines in one request, or a list input longer than the schema allows. */
    LIMIT_EXCEEDED,
    /** An order names the same product in more than one item. */
    DUPLICATE_ITEM,
    /** Authentication is required for this operation. */
    UNAUTHENTICATED,
    /** The caller is authenticated but may not do this. */
    FORBIDDEN,
    /** The token a subscription was opened with has expired; subscribe again with a fresh token. */
    TOKEN_EXPIRED,
    /** A subscriber fell too far behind and was disconnected; resume from the last cursor it received. */
    SUBSCRIBER_TOO_SLOW,
    /** Something failed on the server; details are in the server log under the trace id. */
    INTERNAL,

    // Request errors: the document does not parse, does not validate, or asks for what is not served.
    GRAPHQL_PARSE_FAILED,
    GRAPHQL_VALIDATION_FAILED,
    OPERATION_NOT_SUPPORTED,

    // The router's own refusals (router-config/plugins), before any subgraph is called.
    /** The identity provider's keys cannot be fetched right now (HTTP 503). */
    AUTHENTICATION_UNAVAILABLE,
    /** The request body is over the router's limit (HTTP 413). */
    REQUEST_TOO_LARGE,
    /** A browser "simple" request without a CSRF-safe content type or header (HTTP 403). */
    CSRF_BLOCKED,
    DEPTH_LIMIT_EXCEEDED,
    TOO_MANY_ALIASES,
    TOKEN_LIMIT_EXCEEDED,
    INTROSPECTION_DISABLED,
    /** The operation's estimated cost is above the ceiling (HTTP 400). */
    QUERY_TOO_COSTLY,
    /** The caller's cost budget is spent (HTTP 429 with Retry-After). */
    RATE_LIMITED,
    /** A service behind the router did not answer in time or is down: the fields it provides are null. */
    SERVICE_UNAVAILABLE
}
