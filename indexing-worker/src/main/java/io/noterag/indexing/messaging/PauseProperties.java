package io.noterag.indexing.messaging;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the waits of throttling sources are shared between worker replicas through
 * document-service.
 *
 * @param shared whether to share them at all (off: each replica holds back only the
 * sources it was told to wait for itself)
 * @param refreshInterval how long the list of waits read from document-service is used
 * before it is read again; after a failed read the next one waits twice as long each
 * time, up to a minute
 * @param timeout how long a call to document-service about waits may take (connecting,
 * then answering); short, since an item waits for it
 */
@Validated
@ConfigurationProperties(prefix = "noterag.indexing.pauses")
public record PauseProperties(@DefaultValue("true") boolean shared,
		@NotNull @DefaultValue("5s") Duration refreshInterval, @NotNull @DefaultValue("2s") Duration timeout) {

	public PauseProperties {
		if (refreshInterval != null && refreshInterval.isNegative()) {
			throw new IllegalArgumentException("noterag.indexing.pauses.refresh-interval must not be negative");
		}
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			throw new IllegalArgumentException("noterag.indexing.pauses.timeout must be positive");
		}
	}

}
