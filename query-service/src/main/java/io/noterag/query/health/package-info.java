/**
 * What the actuator's health endpoint says about this service beyond its database: the
 * language model providers it would ask, in order, and the state of each one's circuit
 * breaker, as details of the {@code languageModels} component (shown at
 * {@code /actuator/health/llm}). The component is up whatever the breakers say, since
 * answers go on extractively without a model.
 */
package io.noterag.query.health;
