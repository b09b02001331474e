package io.noterag.indexing.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Where the worker replicas share the waits that throttling sources asked for, so that a
 * wait one replica was told of holds back the source's items on every replica. Calls may
 * fail (the keeper is unreachable); callers then rely on what they know themselves.
 */
interface SharedPauses {

	/**
	 * The sources whose wait is in force.
	 * @return the time left of each, as the keeper answered
	 */
	Map<UUID, Duration> current();

	/**
	 * Records that a source asked to wait, keeping a longer wait already recorded.
	 * @param sourceId the source
	 * @param wait how long it asked
	 * @return the time left of the source's wait as now recorded, or
	 * {@link Duration#ZERO} when it could not be recorded (the source has no sync queued
	 * or running)
	 */
	Duration record(UUID sourceId, Duration wait);

}
