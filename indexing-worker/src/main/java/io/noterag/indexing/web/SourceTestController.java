package io.noterag.indexing.web;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.noterag.indexing.catalog.DocumentServiceClient;
import io.noterag.indexing.job.PluginSource;
import io.noterag.shared.source.plugin.DataSourcePlugin;
import io.noterag.shared.source.plugin.DataSourcePlugins;
import io.noterag.shared.source.plugin.InvalidSourceConfigException;
import io.noterag.shared.source.plugin.ReconnectRequiredException;
import io.noterag.shared.source.plugin.SourceAuthenticationException;
import io.noterag.shared.source.plugin.SourceException;
import io.noterag.shared.web.ApiException;

/**
 * "Test the connection": configures a source with its plugin and asks the plugin to
 * authenticate. The answer is always 200 with {@code ok} and, when not ok, the reason and
 * whether the owner must connect their account again. Credentials rotated during the test
 * are stored for a registered source.
 */
@RestController
class SourceTestController {

	private static final Logger logger = LoggerFactory.getLogger(SourceTestController.class);

	private final DataSourcePlugins plugins;

	private final DocumentServiceClient documentService;

	SourceTestController(DataSourcePlugins plugins, DocumentServiceClient documentService) {
		this.plugins = plugins;
		this.documentService = documentService;
	}

	@PostMapping("/internal/sources/test")
	TestResult test(@RequestBody TestRequest request) {
		if (request == null || request.type() == null || request.type().isBlank()) {
			throw ApiException.badRequest("type: the source type is required.");
		}
		DataSourcePlugin<?> plugin = this.plugins.find(request.type()).orElse(null);
		if (plugin == null) {
			return TestResult.failed("No plugin for source type '" + request.type() + "'.", false);
		}
		return test(plugin, request);
	}

	private <C> TestResult test(DataSourcePlugin<C> plugin, TestRequest request) {
		try {
			plugin.authenticate(PluginSource.forTest(plugin, request.sourceId(), request.config(),
					request.credentials(), this.documentService));
			return TestResult.succeeded();
		}
		catch (InvalidSourceConfigException ex) {
			return TestResult.failed(ex.field() + ": " + ex.getMessage(), false);
		}
		catch (ReconnectRequiredException ex) {
			return TestResult.failed(ex.getMessage(), true);
		}
		catch (SourceAuthenticationException ex) {
			return TestResult.failed("The credentials were refused: " + ex.getMessage(), false);
		}
		catch (SourceException ex) {
			return TestResult.failed("The source cannot be reached: " + ex.getMessage(), false);
		}
		catch (RuntimeException ex) {
			logger.warn("Testing a source of type {} failed", plugin.sourceType(), ex);
			return TestResult.failed("The test failed: " + ex.getClass().getSimpleName(), false);
		}
	}

	/**
	 * What to test.
	 *
	 * @param sourceId the registered source, or {@code null} before it is registered
	 * @param type its type
	 * @param config its configuration
	 * @param credentials its secrets
	 */
	record TestRequest(UUID sourceId, String type, Map<String, Object> config, Map<String, String> credentials) {

		@Override
		public String toString() {
			return "TestRequest[sourceId=" + this.sourceId + ", type=" + this.type + "]";
		}

	}

	/**
	 * The answer.
	 *
	 * @param ok whether the source can be read with these settings
	 * @param error why not
	 * @param reconnectRequired whether the owner must connect their account again
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TestResult(boolean ok, String error, Boolean reconnectRequired) {

		static TestResult succeeded() {
			return new TestResult(true, null, null);
		}

		static TestResult failed(String error, boolean reconnectRequired) {
			return new TestResult(false, error, reconnectRequired);
		}

	}

}
