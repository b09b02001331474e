/**
 * conversation-service: stores the conversations of users, each question with its answer,
 * and gives query-service the context of the next turn within a token budget.
 */
package io.noterag.conversation;
