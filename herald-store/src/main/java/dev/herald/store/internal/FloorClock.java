package dev.herald.store.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock that never reads earlier than a floor. Seeding the id generator with it, at the newest stored
 * commit time plus one, keeps generated ids increasing across a restart even when the system clock
 * went back meanwhile (NTP step, restored VM snapshot).
 */
final class FloorClock extends Clock {

    private final Clock base;
    private final long floorMillis;

    FloorClock(Clock base, long floorMillis) {
        this.base = base;
        this.floorMillis = floorMillis;
    }

    @Override
    public long millis() {
        return Math.max(base.millis(), floorMillis);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new FloorClock(base.withZone(zone), floorMillis);
    }
}
