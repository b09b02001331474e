package io.noterag.shared.storage;

import java.util.Optional;

/** Stores binary objects under keys such as {@code images/2f/2f1c.../original.png}. */
public interface ObjectStore {

	/**
	 * Stores an object, replacing any object under the same key.
	 * @param key the key, relative, {@code /}-separated, without {@code ..}
	 * @param data the bytes
	 * @param contentType the media type
	 */
	void put(String key, byte[] data, String contentType);

	/**
	 * Reads an object.
	 * @param key the key
	 * @return its bytes, or empty when there is no such object
	 */
	Optional<byte[]> get(String key);

	/**
	 * Removes an object; removing a missing object is not an error.
	 * @param key the key
	 */
	void delete(String key);

	/**
	 * Whether an object exists.
	 * @param key the key
	 * @return {@code true} when it exists
	 */
	boolean exists(String key);

}
