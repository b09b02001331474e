/**
 * The API gateway: the only public entry of NoteRAG. It routes {@code /api/v2/**} to the
 * services ({@code routing}), gives every request its id and answers every error of its
 * own as a problem detail ({@code web}), signs people and services in and validates their
 * tokens ({@code auth}), and keeps the audit trail ({@code audit}).
 */
package io.noterag.gateway;
