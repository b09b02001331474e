/**
 * What the history feature is built on: JPA entities and Spring Data repositories of
 * conversations and messages, the JTokkit token counters of model families and the Redis
 * cache of contexts. Used only by the history feature.
 */
package io.noterag.conversation.history.internal;
