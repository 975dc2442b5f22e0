/**
 * The embedded analyzer: all-MiniLM-L6-v2 run in this JVM, with its editable examples, reply macros
 * and lexicon.
 */
package org.supportinbox.functions.analyze.embedded;
