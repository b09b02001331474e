package io.noterag.document.source;

import java.util.List;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import io.noterag.document.secret.SecretBox;
import io.noterag.document.source.internal.DataSourceRepository;

/**
 * Stops the start-up, before the service takes any request or runs any schedule, when
 * stored credentials could not be read: no key is configured, or they were encrypted with
 * a key that is neither the current one nor a previous one. A malformed key stops it
 * earlier, when the {@link SecretBox} is created. Without any stored credentials the
 * service starts without a key, and refuses only to store credentials.
 */
@Component
class CredentialKeyCheck implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(CredentialKeyCheck.class);

	private final DataSourceRepository repository;

	private final SecretBox secrets;

	CredentialKeyCheck(DataSourceRepository repository, SecretBox secrets) {
		this.repository = repository;
		this.secrets = secrets;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> keyIds = this.repository.findCredentialKeyIds();
		if (!this.secrets.canSeal() && !keyIds.isEmpty()) {
			throw new IllegalStateException("noterag.secrets.key (env NOTERAG_SECRETS_KEY) is not set, but "
					+ this.repository.countWithCredentials() + " data source(s) have credentials stored encrypted "
					+ "with key(s) " + new TreeSet<>(keyIds) + ". Set NOTERAG_SECRETS_KEY to the base64 key they were "
					+ "encrypted with (32 bytes).");
		}
		TreeSet<String> unknown = new TreeSet<>(keyIds);
		unknown.removeAll(this.secrets.keyIds());
		if (!unknown.isEmpty()) {
			throw new IllegalStateException("Stored credentials of data sources were encrypted with key(s) " + unknown
					+ ", which are not configured (configured: " + new TreeSet<>(this.secrets.keyIds()) + "). "
					+ "After a key rotation, keep the old key in noterag.secrets.previous-keys "
					+ "(NOTERAG_SECRETS_PREVIOUS_KEYS).");
		}
		if (!this.secrets.canSeal()) {
			log.warn("noterag.secrets.key (NOTERAG_SECRETS_KEY) is not set: data sources that need credentials "
					+ "(OneNote, SharePoint with its own app, Databricks) cannot be registered until it is");
		}
	}

}
