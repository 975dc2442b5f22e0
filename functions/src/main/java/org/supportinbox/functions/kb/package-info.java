/**
 * The knowledge base from the command line: {@code ./inbox kb import} and {@code ./inbox kb export}
 * against a running gateway ({@link org.supportinbox.functions.kb.KbCommand}). The function itself
 * does not use it.
 */
package org.supportinbox.functions.kb;
