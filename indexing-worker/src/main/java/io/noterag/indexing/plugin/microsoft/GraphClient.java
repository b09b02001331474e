package io.noterag.indexing.plugin.microsoft;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.noterag.indexing.plugin.microsoft.internal.ErrorBodies;
import io.noterag.indexing.plugin.microsoft.internal.ErrorBodies.GraphError;
import io.noterag.indexing.plugin.microsoft.internal.GraphHttp;
import io.noterag.indexing.plugin.microsoft.internal.GraphHttp.Response;
import io.noterag.shared.source.plugin.SourceAuthenticationException;
import io.noterag.shared.source.plugin.SourceException;
import io.noterag.shared.source.plugin.SourceUnavailableException;

/**
 * Microsoft Graph, read with a source's bearer token. A {@code 404} is "gone"
 * ({@code null}); {@code 401} and {@code 403} are refused credentials (a {@code 401} is
 * retried once with a fresh token); {@code 410} asks for a resync; server errors and
 * unreachable hosts are an unavailable source; throttling is waited out within the
 * configured budget. The token is only ever sent to the configured Graph host: download
 * redirects are followed without it.
 */
public class GraphClient {

	private static final long MAX_JSON_BYTES = 32L * 1024 * 1024;

	private static final int MAX_PAGES = 100_000;

	private static final int MAX_REDIRECTS = 5;

	private final String graphUrl;

	private final URI graphBase;

	private final GraphHttp http;

	private final JsonMapper json = JsonMapper.shared();

	public GraphClient(MicrosoftGraphProperties properties) {
		this(properties, GraphHttp.Sleeper.THREAD);
	}

	GraphClient(MicrosoftGraphProperties properties, GraphHttp.Sleeper sleeper) {
		this(properties.graphUrl(), new GraphHttp(properties.connectTimeout(), properties.readTimeout(),
				properties.maxThrottleWait(), sleeper));
	}

	GraphClient(String graphUrl, GraphHttp http) {
		this.graphUrl = graphUrl;
		this.graphBase = URI.create(graphUrl);
		this.http = http;
	}

	/**
	 * Graph's base URL, version included, without a trailing slash.
	 * @return the URL
	 */
	public String graphUrl() {
		return this.graphUrl;
	}

	/**
	 * Encodes one path segment (an id with {@code !} or {@code ,}, a name with spaces).
	 * @param value the raw value
	 * @return the encoded segment
	 */
	public static String segment(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * Whether a URL points at the configured Graph host (same scheme, host and port), so
	 * that it may receive the token.
	 * @param url an absolute URL
	 * @return whether it is Graph's
	 */
	public boolean isGraphUrl(String url) {
		try {
			URI uri = URI.create(url);
			return uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(this.graphBase.getScheme())
					&& uri.getHost() != null && uri.getHost().equalsIgnoreCase(this.graphBase.getHost())
					&& port(uri) == port(this.graphBase);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Reads one resource.
	 * @param auth the source's token
	 * @param pathOrUrl a path below {@link #graphUrl()} ({@code /me/onenote/notebooks})
	 * or an absolute Graph URL
	 * @return the JSON, or {@code null} when it does not exist
	 */
	public JsonNode get(GraphAuthorization auth, String pathOrUrl) {
		URI uri = resolve(pathOrUrl);
		Response response = checked(authorized(auth, uri, "application/json", MAX_JSON_BYTES), uri);
		return (response != null) ? parse(response, uri) : null;
	}

	/**
	 * Reads one page of a collection.
	 * @param auth the source's token
	 * @param pathOrUrl the collection, a next link or a delta link
	 * @return the page, or {@code null} when the collection does not exist
	 */
	public GraphPage page(GraphAuthorization auth, String pathOrUrl) {
		JsonNode body = get(auth, pathOrUrl);
		if (body == null) {
			return null;
		}
		List<JsonNode> values = new ArrayList<>();
		body.path("value").forEach(values::add);
		return new GraphPage(values, link(body, "@odata.nextLink"), link(body, "@odata.deltaLink"));
	}

	/**
	 * Reads a whole collection, following {@code @odata.nextLink}.
	 * @param auth the source's token
	 * @param pathOrUrl the collection
	 * @return every entry, or {@code null} when the collection does not exist
	 */
	public List<JsonNode> list(GraphAuthorization auth, String pathOrUrl) {
		List<JsonNode> values = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		String next = pathOrUrl;
		for (int pages = 0; next != null; pages++) {
			if (pages >= MAX_PAGES || !seen.add(next)) {
				throw new SourceUnavailableException(
						describe(resolve(pathOrUrl)) + ": Graph keeps answering with more pages; stopped.");
			}
			GraphPage page = page(auth, next);
			if (page == null) {
				if (pages == 0) {
					return null;
				}
				throw new SourceUnavailableException(
						describe(resolve(pathOrUrl)) + ": a next page of the listing disappeared; try again.");
			}
			values.addAll(page.values());
			next = page.nextLink();
		}
		return values;
	}

	/**
	 * Downloads content (page HTML, an image, a file). A redirect (a file's short-lived
	 * download URL) is followed without the token.
	 * @param auth the source's token
	 * @param pathOrUrl the content's Graph path or URL
	 * @param maxBytes the largest content accepted
	 * @return the content, or {@code null} when it does not exist
	 * @throws io.noterag.shared.source.plugin.ItemException when it is larger than
	 * {@code maxBytes}
	 */
	public GraphContent download(GraphAuthorization auth, String pathOrUrl, long maxBytes) {
		URI uri = resolve(pathOrUrl);
		Response response = authorized(auth, uri, "*/*", maxBytes);
		for (int hops = 0; response.isRedirect(); hops++) {
			String location = response.header("Location").orElse(null);
			if (location == null || hops >= MAX_REDIRECTS) {
				throw new SourceUnavailableException(describe(uri) + ": Graph answered with a redirect to nowhere.");
			}
			URI target = response.uri().resolve(location);
			response = this.http.send(this.http.request(target).GET().build(), maxBytes, describe(uri));
			if (response.status() == 401 || response.status() == 403) {
				throw new SourceUnavailableException(
						describe(uri) + ": the download link was refused (HTTP " + response.status() + "); try again.");
			}
		}
		response = checked(response, uri);
		if (response == null) {
			return null;
		}
		return new GraphContent(response.body(), contentType(response));
	}

	private Response authorized(GraphAuthorization auth, URI uri, String accept, long maxBytes) {
		Response response = null;
		for (int attempt = 0; attempt < 2; attempt++) {
			HttpRequest request = this.http.request(uri)
				.header("Authorization", "Bearer " + auth.accessToken())
				.header("Accept", accept)
				.GET()
				.build();
			response = this.http.send(request, maxBytes, describe(uri));
			if (response.status() != 401) {
				return response;
			}
			auth.discard();
		}
		return response;
	}

	private Response checked(Response response, URI uri) {
		int status = response.status();
		if (response.isSuccess()) {
			return response;
		}
		if (status == 404) {
			return null;
		}
		GraphError error = ErrorBodies.graphError(response.body());
		String message = describe(uri) + ": Microsoft Graph answered " + error.describe(status) + ".";
		if (status == 401 || status == 403) {
			throw new SourceAuthenticationException(message);
		}
		if (status == 410) {
			throw new ResyncRequiredException(message);
		}
		if (status >= 500) {
			throw new SourceUnavailableException(message);
		}
		throw new GraphRequestException(status, message);
	}

	private JsonNode parse(Response response, URI uri) {
		try {
			return this.json.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new SourceUnavailableException(describe(uri) + ": Microsoft Graph answered with something not JSON.");
		}
	}

	private URI resolve(String pathOrUrl) {
		if (pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")) {
			if (!isGraphUrl(pathOrUrl)) {
				throw new SourceException("Refusing to send a Graph token to " + hostOf(pathOrUrl)
						+ ", which is not the configured Graph host.");
			}
			return URI.create(pathOrUrl);
		}
		return URI.create(this.graphUrl + (pathOrUrl.startsWith("/") ? pathOrUrl : "/" + pathOrUrl));
	}

	private static String link(JsonNode body, String name) {
		JsonNode value = body.path(name);
		return (value.isString() && !value.stringValue().isBlank()) ? value.stringValue() : null;
	}

	private static String contentType(Response response) {
		return response.header("Content-Type")
			.map((value) -> value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
			.filter((value) -> !value.isEmpty())
			.orElse(null);
	}

	private static String describe(URI uri) {
		return "GET " + uri.getRawPath();
	}

	private static String hostOf(String url) {
		try {
			return URI.create(url).getHost();
		}
		catch (IllegalArgumentException ex) {
			return "an invalid address";
		}
	}

	private static int port(URI uri) {
		if (uri.getPort() >= 0) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

}
