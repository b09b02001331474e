/**
 * Shared contracts of the suite: ports with their embedded adapters, message records, and
 * the web and security support every service uses.
 */
package io.noterag.shared;
