/**
 * Where the gateway sends {@code /api/v2/**}: the routes themselves are declared in
 * {@code application.yml} ({@code lb://<service>} URIs, a circuit breaker and a
 * connect-failure retry per route); this package supplies the service instances to Spring
 * Cloud LoadBalancer from {@code noterag.routes.<service>.uris} (several URIs give
 * several replicas, round robin), and the circuit breakers' settings.
 */
package io.noterag.gateway.routing;
