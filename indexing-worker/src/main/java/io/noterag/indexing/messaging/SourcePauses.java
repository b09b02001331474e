package io.noterag.indexing.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sources that asked the workers to wait (throttling with Retry-After): until then their
 * items are set aside instead of being read.
 * <p>
 * A wait this worker is told of is kept here and reported to the {@link SharedPauses}
 * (document-service), which every replica reads, at most once per refresh interval and by
 * one thread at a time while the others go on with what was read last; so a wait learnt
 * by one replica holds back the source's items on all of them. When document-service
 * cannot be reached, the worker goes on with the waits it knows (its own and those read
 * before), reads again after a growing back-off, and reports its own waits that were not
 * recorded once it answers again: an outage never stops indexing.
 */
class SourcePauses {

	private static final Logger logger = LoggerFactory.getLogger(SourcePauses.class);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

	private final Clock clock;

	private final SharedPauses shared;

	private final Duration refreshInterval;

	/** The ends of the waits this worker was told of. */
	private final Map<UUID, Instant> local = new ConcurrentHashMap<>();

	/** The ends of the waits read from (or recorded by) the shared pauses. */
	private final Map<UUID, Instant> known = new ConcurrentHashMap<>();

	/** Sources whose local wait the shared pauses have not recorded yet. */
	private final Set<UUID> unreported = ConcurrentHashMap.newKeySet();

	private final ReentrantLock refreshing = new ReentrantLock();

	private volatile Instant nextRefresh = Instant.MIN;

	/** Until when the shared pauses are not called, after a failure. */
	private volatile Instant unreachableUntil = Instant.MIN;

	private int failures;

	/**
	 * Pauses known to this worker only.
	 * @param clock the clock
	 */
	SourcePauses(Clock clock) {
		this(clock, null, Duration.ZERO);
	}

	/**
	 * Pauses shared with the other workers.
	 * @param clock the clock
	 * @param shared where the waits are shared, or null for none
	 * @param refreshInterval how long what was read from it is used
	 */
	SourcePauses(Clock clock, SharedPauses shared, Duration refreshInterval) {
		this.clock = clock;
		this.shared = shared;
		this.refreshInterval = refreshInterval;
	}

	/**
	 * Pauses a source, keeping a longer pause already in place, and tells the other
	 * workers.
	 * @param sourceId the source
	 * @param wait how long
	 */
	void pause(UUID sourceId, Duration wait) {
		Instant now = this.clock.instant();
		this.local.merge(sourceId, now.plus(wait), SourcePauses::later);
		if (this.shared == null) {
			return;
		}
		if (now.isBefore(this.unreachableUntil)) {
			this.unreported.add(sourceId);
			return;
		}
		try {
			record(sourceId, wait);
		}
		catch (RuntimeException ex) {
			this.unreported.add(sourceId);
			this.unreachableUntil = now.plus(this.refreshInterval);
			logger.warn("Could not tell document-service that data source {} asks to wait {} ms: {}", sourceId,
					wait.toMillis(), ex.getMessage());
		}
	}

	/**
	 * How long a source is still paused, by this worker or another one.
	 * @param sourceId the source
	 * @return the time left, or {@link Duration#ZERO}
	 */
	Duration remaining(UUID sourceId) {
		Instant now = this.clock.instant();
		refreshIfDue(now);
		Instant own = this.local.get(sourceId);
		Instant end = later(own, this.known.get(sourceId));
		if (end == null) {
			return Duration.ZERO;
		}
		Duration left = Duration.between(now, end);
		if (left.isNegative() || left.isZero()) {
			if (own != null) {
				this.local.remove(sourceId, own);
			}
			return Duration.ZERO;
		}
		return left;
	}

	private void refreshIfDue(Instant now) {
		if (this.shared == null || now.isBefore(this.nextRefresh) || !this.refreshing.tryLock()) {
			return;
		}
		try {
			if (now.isBefore(this.nextRefresh)) {
				return;
			}
			try {
				Map<UUID, Duration> current = this.shared.current();
				Instant read = this.clock.instant();
				this.known.keySet().retainAll(current.keySet());
				current.forEach((sourceId, left) -> this.known.put(sourceId, read.plus(left)));
				reportUnreported(read);
				if (this.failures > 0) {
					logger.info("document-service answers again: waits of throttling sources are shared again");
				}
				this.failures = 0;
				this.unreachableUntil = Instant.MIN;
				this.nextRefresh = read.plus(this.refreshInterval);
			}
			catch (RuntimeException ex) {
				this.failures++;
				Duration backoff = backoff(this.failures);
				this.nextRefresh = now.plus(backoff);
				this.unreachableUntil = this.nextRefresh;
				if (this.failures == 1) {
					logger.warn(
							"Could not read the waits of throttling sources from document-service; holding back"
									+ " only the sources this worker knows of, trying again in {} ms: {}",
							backoff.toMillis(), ex.getMessage());
				}
			}
		}
		finally {
			this.refreshing.unlock();
		}
	}

	private void reportUnreported(Instant now) {
		for (UUID sourceId : List.copyOf(this.unreported)) {
			Instant end = this.local.get(sourceId);
			Instant recorded = this.known.get(sourceId);
			if (end != null && end.isAfter(now) && (recorded == null || recorded.isBefore(end))) {
				record(sourceId, Duration.between(now, end));
			}
			this.unreported.remove(sourceId);
		}
	}

	private void record(UUID sourceId, Duration wait) {
		Duration left = this.shared.record(sourceId, wait);
		this.unreported.remove(sourceId);
		if (left.isPositive()) {
			this.known.merge(sourceId, this.clock.instant().plus(left), SourcePauses::later);
		}
	}

	private Duration backoff(int failures) {
		Duration backoff = this.refreshInterval;
		for (int i = 1; i < failures && backoff.compareTo(MAX_BACKOFF) < 0; i++) {
			backoff = backoff.multipliedBy(2);
		}
		if (backoff.isZero()) {
			backoff = Duration.ofSeconds(1);
		}
		return (backoff.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : backoff;
	}

	private static Instant later(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isAfter(b)) ? a : b;
	}

}
