/**
 * The web UI's HTTP server: {@link dev.ember.ui.server.WebUi} serves the pages, the REST API and
 * the jar's static assets on 127.0.0.1 with the JDK's {@code com.sun.net.httpserver} (no added
 * dependency; no server type appears in a public signature). Also the history server's main.
 *
 * <p>May import: {@code dev.ember.ui.status}, {@code dev.ember.ui.api}, {@code dev.ember.ui.render},
 * {@code dev.ember.ui.eventlog} (the history server's logs), {@code dev.ember.core.network} (duration settings).
 */
package dev.ember.ui.server;
