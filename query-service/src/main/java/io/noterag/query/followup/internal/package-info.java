/**
 * The rule-based rewriter used when no language model is configured.
 */
package io.noterag.query.followup.internal;
