/**
 * Web support shared by every servlet service: the {@code X-Request-ID} carried through
 * each request and its log lines, RFC 9457 problem details with that id for every error,
 * snake_case JSON, and outgoing REST calls that carry the request id and the right token.
 */
package io.noterag.shared.web;
