package io.noterag.query.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;

/**
 * One prompt template file, {@code prompts/<name>/v<version>/<file>} on the class path,
 * read once and rendered many times. Placeholders are {@code {{name}}}; rendering
 * replaces each with its value, taken literally.
 */
public final class PromptTemplate {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

	private final String path;

	private final String text;

	private final Set<String> placeholders;

	private PromptTemplate(String path, String text, Set<String> placeholders) {
		this.path = path;
		this.text = text;
		this.placeholders = placeholders;
	}

	/**
	 * Reads a template.
	 * @param name the prompt, such as {@code rewrite}
	 * @param version its version, such as 1
	 * @param file the file in the version's folder, such as {@code user.txt}
	 * @param setting the property that chooses the version, named when the file is
	 * missing
	 * @param known the placeholders the template may use
	 * @return the template
	 * @throws IllegalStateException when the file is missing or uses a placeholder that
	 * is not known
	 */
	public static PromptTemplate load(String name, int version, String file, String setting, String... known) {
		String path = "prompts/" + name + "/v" + version + "/" + file;
		ClassPathResource resource = new ClassPathResource(path);
		if (!resource.exists()) {
			throw new IllegalStateException(
					"No prompt template " + path + " on the class path; check " + setting + " (" + version + ")");
		}
		String text;
		try (InputStream in = resource.getInputStream()) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the prompt template " + path, ex);
		}
		Set<String> allowed = Set.of(known);
		Set<String> used = new TreeSet<>();
		Matcher matcher = PLACEHOLDER.matcher(text);
		while (matcher.find()) {
			if (!allowed.contains(matcher.group(1))) {
				throw new IllegalStateException("The prompt template " + path + " uses the unknown placeholder {{"
						+ matcher.group(1) + "}}; known: " + new TreeSet<>(allowed));
			}
			used.add(matcher.group(1));
		}
		return new PromptTemplate(path, text, Set.copyOf(used));
	}

	/**
	 * The template's text as written, placeholders included.
	 * @return the text
	 */
	public String text() {
		return this.text;
	}

	/**
	 * The template with its placeholders replaced.
	 * @param values a value for every placeholder the template uses
	 * @return the prompt
	 * @throws IllegalArgumentException when a placeholder the template uses has no value
	 */
	public String render(Map<String, String> values) {
		for (String placeholder : this.placeholders) {
			if (values.get(placeholder) == null) {
				throw new IllegalArgumentException("No value for {{" + placeholder + "}} of " + this.path);
			}
		}
		Matcher matcher = PLACEHOLDER.matcher(this.text);
		StringBuilder rendered = new StringBuilder(this.text.length() + 256);
		while (matcher.find()) {
			matcher.appendReplacement(rendered, Matcher.quoteReplacement(values.get(matcher.group(1))));
		}
		matcher.appendTail(rendered);
		return rendered.toString();
	}

	@Override
	public String toString() {
		return "PromptTemplate[" + this.path + "]";
	}

}
