/**
 * Prompt templates: every text this service sends a language model comes from a versioned
 * template file on the class path, {@code prompts/<name>/v<version>/<file>}, rather than
 * from string literals, so that a prompt changes by adding a folder and moving a version
 * setting. A template names its placeholders as {@code {{name}}}; one it does not
 * declare, or a missing file, fails the start-up with the setting to check.
 */
package io.noterag.query.prompt;
