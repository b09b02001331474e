/**
 * How this service pages what it stores: pages are requested by offset and limit, as the
 * API takes them. (JSONB columns are mapped by shared-lib's Jackson 3 format mapper.)
 */
package io.noterag.document.persistence;
