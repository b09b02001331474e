/**
 * Follow-up questions: a question that leans on the conversation ("and its second step?")
 * is rewritten into one that stands on its own before retrieval. The rewrite is stored
 * with the question (metadata {@code standalone_question}) so that the next follow-up
 * builds on it.
 */
package io.noterag.query.followup;
