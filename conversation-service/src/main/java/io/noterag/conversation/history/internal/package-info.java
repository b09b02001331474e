/**
 * Storage of conversations and messages: JPA entities and Spring Data repositories, used
 * only by {@link io.noterag.conversation.history.ConversationService}.
 */
package io.noterag.conversation.history.internal;
