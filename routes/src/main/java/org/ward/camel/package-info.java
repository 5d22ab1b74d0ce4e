/**
 * The operator's Camel YAML DSL routes ({@code camel-routes}, default {@code config/routes/*.yaml}) and
 * Ward's Camel endpoint {@code ward:<destination>} that feeds them.
 *
 * <p>A {@code camel} destination in ward.yaml is journalled and queued like any other; its worker
 * hands each message, in order, to the one route that starts {@code from: ward:<destination>}
 * ({@link org.ward.camel.RouteReceiver}), and the message counts as delivered when that route
 * completes. The endpoint is consumer-only ({@link org.ward.camel.WardEndpoint}): a route cannot feed
 * messages back into Ward, and it cannot start from anything else, so messages enter Ward only through
 * its authenticated listeners. {@link org.ward.camel.YamlRouteReader} reads route files for
 * {@code ward check-config}; {@link org.ward.camel.YamlRoutes} loads them into the running engine.
 */
package org.ward.camel;
