package io.noterag.document.source;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of data sources.
 *
 * @param filesystem settings of filesystem sources
 * @param microsoft the platform's Microsoft Entra app registration, used to connect
 * OneNote accounts
 * @param connect settings of account connections
 * @param testTimeout longest wait for the indexing worker to test a source
 */
@Validated
@ConfigurationProperties(prefix = "noterag.sources")
public record SourceProperties(@Valid @NotNull @DefaultValue Filesystem filesystem,
		@Valid @NotNull @DefaultValue Microsoft microsoft, @Valid @NotNull @DefaultValue Connect connect,
		@NotNull @DefaultValue("30s") Duration testTimeout) {

	/**
	 * Settings of filesystem sources.
	 *
	 * @param allowedRoots the folders a filesystem source may read, with everything below
	 * them
	 */
	public record Filesystem(@NotEmpty List<Path> allowedRoots) {

	}

	/**
	 * The platform's app registration in Microsoft Entra ID (the same names as the
	 * indexing worker's).
	 *
	 * @param authorityUrl the identity platform
	 * @param tenantId the tenant, or {@code common} / {@code organizations}
	 * @param clientId the application (client) id; OneNote accounts cannot be connected
	 * without it
	 * @param clientSecret the client secret of a confidential client, or {@code null} for
	 * a public client
	 * @param graphUrl Microsoft Graph
	 * @param redirectUri where the identity platform sends the administrator back: this
	 * service's {@code /api/v2/sources/oauth/callback} as reached through the gateway,
	 * registered as a redirect URI of the app
	 */
	public record Microsoft(@NotNull @DefaultValue("https://login.microsoftonline.com") URI authorityUrl,
			@NotBlank @DefaultValue("common") String tenantId, String clientId, String clientSecret,
			@NotNull @DefaultValue("https://graph.microsoft.com/v1.0") URI graphUrl, URI redirectUri) {

		@Override
		public String toString() {
			return "Microsoft[authorityUrl=" + this.authorityUrl + ", tenantId=" + this.tenantId + ", clientId="
					+ this.clientId + ", clientSecret=" + ((this.clientSecret != null) ? "(set)" : "(not set)")
					+ ", graphUrl=" + this.graphUrl + ", redirectUri=" + this.redirectUri + "]";
		}

	}

	/**
	 * Settings of account connections.
	 *
	 * @param stateTtl how long a connection link stays valid
	 * @param completionUrl where the callback sends the administrator's browser once the
	 * account is connected (with {@code source_id} and {@code status}); the callback
	 * answers JSON when unset
	 */
	public record Connect(@NotNull @DefaultValue("10m") Duration stateTtl, URI completionUrl) {

	}

}
