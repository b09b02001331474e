package io.noterag.shared.source.plugin;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One registered source as a plugin sees it.
 *
 * @param <C> the type's configuration
 */
public interface SourceContext<C> {

	/**
	 * The source's id.
	 * @return the id
	 */
	UUID sourceId();

	/**
	 * Its validated configuration.
	 * @return the configuration
	 */
	C config();

	/**
	 * Its secrets (tokens, client secrets), decrypted. Never log them.
	 * @return name to value; empty when the source has none
	 */
	Map<String, String> credentials();

	/**
	 * What the last completed sync left for the next one (a delta link), if anything.
	 * @return the cursor
	 */
	Optional<String> cursor();

	/**
	 * Stores changed secrets at once, e.g. a rotated refresh token, merged into the
	 * existing ones.
	 * @param changed the secrets that changed
	 */
	void updateCredentials(Map<String, String> changed);

}
