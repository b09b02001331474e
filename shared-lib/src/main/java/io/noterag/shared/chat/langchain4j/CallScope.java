package io.noterag.shared.chat.langchain4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Future;

/**
 * One attempt's HTTP exchange, so that it can be stopped from another thread: cancelling
 * aborts the request while it waits for the answer's headers and closes the answer's body
 * while it is read, which closes the connection.
 */
final class CallScope {

	private volatile boolean cancelled;

	private Future<?> pending;

	private InputStream body;

	boolean cancelled() {
		return this.cancelled;
	}

	synchronized void pending(Future<?> pending) {
		this.pending = pending;
		if (this.cancelled) {
			pending.cancel(true);
		}
	}

	synchronized void body(InputStream body) {
		this.body = body;
		if (this.cancelled) {
			closeQuietly(body);
		}
	}

	void cancel() {
		Future<?> pending;
		InputStream body;
		synchronized (this) {
			if (this.cancelled) {
				return;
			}
			this.cancelled = true;
			pending = this.pending;
			body = this.body;
		}
		if (pending != null) {
			pending.cancel(true);
		}
		if (body != null) {
			closeQuietly(body);
		}
	}

	private static void closeQuietly(InputStream body) {
		try {
			body.close();
		}
		catch (IOException ex) {
			// the connection is being dropped anyway
		}
	}

}
