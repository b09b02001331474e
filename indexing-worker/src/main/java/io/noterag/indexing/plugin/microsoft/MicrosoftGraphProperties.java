package io.noterag.indexing.plugin.microsoft;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The platform's Microsoft settings, shared by the OneNote and SharePoint sources.
 *
 * @param authorityUrl the identity platform; tokens come from
 * {@code {authority-url}/{tenant}/oauth2/v2.0/token}
 * @param tenantId the tenant of the platform's app registration ({@code common} for
 * multi-tenant delegated sign-in; client credentials need a real tenant)
 * @param clientId the platform's app registration, if any
 * @param clientSecret its secret, if any
 * @param graphUrl Microsoft Graph's base URL, version included
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for a response
 * @param maxThrottleWait how long one request may wait in total for throttling
 * ({@code Retry-After}) before the source is reported as throttled
 * @param tokenRefreshMargin access tokens are renewed this long before they expire
 */
@Validated
@ConfigurationProperties(prefix = "noterag.sources.microsoft")
public record MicrosoftGraphProperties(@DefaultValue("https://login.microsoftonline.com") @NotBlank String authorityUrl,
		@DefaultValue("common") @NotBlank String tenantId, String clientId, String clientSecret,
		@DefaultValue("https://graph.microsoft.com/v1.0") @NotBlank String graphUrl,
		@DefaultValue("5s") @NotNull Duration connectTimeout, @DefaultValue("60s") @NotNull Duration readTimeout,
		@DefaultValue("2m") @NotNull Duration maxThrottleWait,
		@DefaultValue("2m") @NotNull Duration tokenRefreshMargin) {

	public MicrosoftGraphProperties {
		authorityUrl = trimSlash(authorityUrl);
		graphUrl = trimSlash(graphUrl);
		clientId = (clientId == null || clientId.isBlank()) ? null : clientId.trim();
		clientSecret = (clientSecret == null || clientSecret.isBlank()) ? null : clientSecret;
	}

	private static String trimSlash(String url) {
		return (url != null && url.endsWith("/")) ? url.substring(0, url.length() - 1) : url;
	}

	@Override
	public String toString() {
		return "MicrosoftGraphProperties[authorityUrl=" + this.authorityUrl + ", tenantId=" + this.tenantId
				+ ", clientId=" + this.clientId + ", clientSecret=" + ((this.clientSecret != null) ? "***" : null)
				+ ", graphUrl=" + this.graphUrl + "]";
	}

}
