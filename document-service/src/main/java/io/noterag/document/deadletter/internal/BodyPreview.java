package io.noterag.document.deadletter.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The start of a message's JSON body with the values of secret-looking members masked
 * (tokens, secrets, passwords, credentials, keys). A body that is not JSON is not shown.
 */
public final class BodyPreview {

	private static final List<String> SECRET_PARTS = List.of("token", "secret", "password", "passwd", "credential",
			"authorization", "apikey", "privatekey", "cookie", "assertion", "signature");

	private static final Set<String> SECRET_NAMES = Set.of("pat", "key", "auth");

	private static final String MASK = "***";

	private BodyPreview() {
	}

	/**
	 * The preview of a body.
	 * @param json the mapper
	 * @param body the body
	 * @param maxCharacters where to cut
	 * @return the preview, or null when the body is not JSON
	 */
	public static String of(JsonMapper json, byte[] body, int maxCharacters) {
		JsonNode tree;
		try {
			tree = json.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
		if (tree == null || tree.isMissingNode()) {
			return null;
		}
		String text = json.writeValueAsString(mask(tree));
		return (text.length() > maxCharacters) ? text.substring(0, maxCharacters) + "..." : text;
	}

	/**
	 * Whether a member's value is masked.
	 * @param name the member's name
	 * @return whether it names a secret
	 */
	public static boolean isSecret(String name) {
		String normalized = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		return SECRET_NAMES.contains(normalized) || SECRET_PARTS.stream().anyMatch(normalized::contains);
	}

	private static JsonNode mask(JsonNode node) {
		if (node instanceof ObjectNode object) {
			List<String> secrets = new ArrayList<>();
			for (Map.Entry<String, JsonNode> member : object.properties()) {
				if (isSecret(member.getKey()) && !member.getValue().isNull()) {
					secrets.add(member.getKey());
				}
				else {
					mask(member.getValue());
				}
			}
			secrets.forEach((name) -> object.put(name, MASK));
		}
		else if (node instanceof ArrayNode array) {
			array.forEach(BodyPreview::mask);
		}
		return node;
	}

}
