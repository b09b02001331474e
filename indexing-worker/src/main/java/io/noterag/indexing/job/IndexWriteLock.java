package io.noterag.indexing.job;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps the removal of a deleted data source apart from the items being indexed: items
 * share the lock (many at once), the removal takes it alone, so that a source deleted
 * while some of its items are indexed is removed after them, never under them.
 */
final class IndexWriteLock {

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

	void lockItem() {
		this.lock.readLock().lock();
	}

	void unlockItem() {
		this.lock.readLock().unlock();
	}

	void lock() {
		this.lock.writeLock().lock();
	}

	void unlock() {
		this.lock.writeLock().unlock();
	}

}
