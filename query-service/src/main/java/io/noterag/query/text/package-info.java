/**
 * Plain-text helpers shared by the question rules of several features (query variants,
 * follow-up rewriting).
 */
package io.noterag.query.text;
