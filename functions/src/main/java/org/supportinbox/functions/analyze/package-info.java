/**
 * The analyze function: event handling, the {@code Analyzer} port and the chain that picks one per
 * message, and what both analyzers share (the insight, its parser and validation).
 */
package org.supportinbox.functions.analyze;
