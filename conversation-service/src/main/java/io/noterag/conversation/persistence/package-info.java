/**
 * How this service's entities are stored: JSONB columns are read and written with Jackson
 * 3 (Hibernate only knows Jackson 2 by itself), so that message metadata can be a plain
 * map attribute.
 */
package io.noterag.conversation.persistence;
