package io.noterag.indexing.job;

import java.util.List;

import io.noterag.shared.messaging.ItemIndexRequested;

/** Publishes the item messages of a planned job, durably. */
public interface ItemPublisher {

	/**
	 * Publishes the messages and returns once the broker has confirmed every one.
	 * @param items the messages
	 * @throws RuntimeException when the broker did not confirm them all (the sync is
	 * tried again and publishes them again)
	 */
	void publish(List<ItemIndexRequested> items);

}
