/**
 * The web GUI served by global at {@code /gui}: static files (HTML, ES modules, CSS) from the
 * classpath folder {@code gui/}, no build step. The pages call the same origin's REST API.
 */
package io.meshforge.global.gui;
