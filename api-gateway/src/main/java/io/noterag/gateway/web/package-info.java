/**
 * The gateway's request handling around every exchange: the {@code X-Request-ID} kept or
 * made, passed downstream, echoed and put in the log context; one access log line per
 * request; guards that answer before anything is routed ({@code /internal/**} is never
 * exposed, oversized bodies are refused); and RFC 9457 problem details with the request
 * id for every error the gateway itself produces, never a stack trace.
 */
package io.noterag.gateway.web;
