package oms.orders.tracking;

import oms.platform.error.DomainException;
import oms.platform.error.ErrorCode;

/**
 * Where a subscriber picks up: after a feed position (the cursor of the last event it saw), after a
 * version of its one order, or (neither) from now on.
 */
public record Resume(long afterSeq, Integer afterVersion) {

    public static final Resume LIVE = new Resume(-1, null);

    public boolean replays() {
        return afterSeq >= 0 || afterVersion != null;
    }

    /** Replay starts after this feed position (0 when resuming by version: the version filter narrows it). */
    public long replayFrom() {
        return Math.max(afterSeq, 0);
    }

    public static Resume afterCursor(String cursor) {
        if (cursor == null) {
            return LIVE;
        }
        try {
            long seq = Long.parseLong(cursor.strip());
            if (seq >= 0) {
                return new Resume(seq, null);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DomainException(ErrorCode.INVALID_CURSOR, "after must be the cursor of an event received before");
    }

    public static Resume afterVersion(Integer version) {
        if (version == null) {
            return LIVE;
        }
        if (version < 0) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "afterVersion must be 0 or more");
        }
        return new Resume(-1, version);
    }
}
