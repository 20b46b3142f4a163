package oms.platform.error;

/**
 * Stable error codes shared by every subgraph. Clients switch on these, so a code is never renamed
 * or reused for another meaning; the README documents each one.
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
    /** Authentication is required for this operation. */
    UNAUTHENTICATED,
    /** The caller is authenticated but may not do this. */
    FORBIDDEN,
    /** Something failed on the server; details are in the server log under the trace id. */
    INTERNAL
}
