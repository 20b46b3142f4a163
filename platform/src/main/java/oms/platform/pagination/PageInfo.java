package oms.platform.pagination;

/** Relay page info: forward pagination only, so only the forward half is exposed. */
public record PageInfo(boolean hasNextPage, String endCursor) {}
