/**
 * conversation-service: stores the conversations of users, each question with its answer,
 * and gives query-service the recent history of a conversation.
 */
package io.noterag.conversation;
