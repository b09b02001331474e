/**
 * What this service needs from document-service: whether a document exists, asked through
 * its internal API with this service's own token.
 */
package io.noterag.multimodal.document;
