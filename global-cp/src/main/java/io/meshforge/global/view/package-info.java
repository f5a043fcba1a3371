/** The in-memory view of the store, kept current by the change feed. */
package io.meshforge.global.view;
