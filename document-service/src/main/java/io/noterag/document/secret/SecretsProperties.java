package io.noterag.document.secret;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys that seal secrets at rest. Each is the base64 encoding of 32 random bytes
 * ({@code openssl rand -base64 32}).
 *
 * @param key the current key, which seals every new value (env
 * {@code NOTERAG_SECRETS_KEY}); without it no secret can be stored
 * @param previousKeys older keys, only to read values sealed before a rotation (env
 * {@code NOTERAG_SECRETS_PREVIOUS_KEYS}, comma separated)
 */
@ConfigurationProperties(prefix = "noterag.secrets")
public record SecretsProperties(String key, @DefaultValue List<String> previousKeys) {

	@Override
	public String toString() {
		return "SecretsProperties[key=" + ((this.key != null && !this.key.isBlank()) ? "(set)" : "(not set)")
				+ ", previousKeys=" + ((this.previousKeys != null) ? this.previousKeys.size() : 0) + "]";
	}

}
