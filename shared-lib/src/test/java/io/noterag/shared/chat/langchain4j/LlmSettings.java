package io.noterag.shared.chat.langchain4j;

import java.util.LinkedHashMap;
import java.util.Map;

import io.noterag.shared.chat.LlmProperties;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Binds {@code noterag.llm.*} properties the way a service's configuration does, so that
 * tests read as configuration and get the defaults of {@link LlmProperties}.
 */
final class LlmSettings {

	private final Map<String, String> properties = new LinkedHashMap<>();

	static LlmSettings of(String... pairs) {
		LlmSettings settings = new LlmSettings();
		return settings.with(pairs);
	}

	/**
	 * Adds properties.
	 * @param pairs names without the {@code noterag.llm.} prefix, and values
	 * @return these settings
	 */
	LlmSettings with(String... pairs) {
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			this.properties.put("noterag.llm." + pairs[i], pairs[i + 1]);
		}
		return this;
	}

	LlmProperties bind() {
		return new Binder(new MapConfigurationPropertySource(this.properties)).bindOrCreate("noterag.llm",
				Bindable.of(LlmProperties.class));
	}

}
