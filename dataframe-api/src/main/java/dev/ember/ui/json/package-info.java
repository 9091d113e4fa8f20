/**
 * A tiny JSON writer and reader for the REST API and the event log (no JSON library: Ember adds no
 * dependency for its UI).
 *
 * <p>May import: the JDK only.
 */
package dev.ember.ui.json;
