/**
 * Titles of new conversations written by the language model. conversation-service names a
 * conversation after its first question at once; when a model is configured, this feature
 * asks it for a short title in the background and replaces the question-based one, unless
 * the conversation has been named otherwise meanwhile. The answer never waits for it.
 */
package io.noterag.query.title;
