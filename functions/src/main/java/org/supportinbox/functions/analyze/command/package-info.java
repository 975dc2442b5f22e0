/** The command-line tools of {@code ./inbox parse} and {@code ./inbox analyze}. */
package org.supportinbox.functions.analyze.command;
