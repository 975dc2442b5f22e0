/**
 * The analyze function: provider selection, the prompt, the defensive parser of model output, the
 * Ollama call, and the embedded provider (a sentence-embedding model run in this JVM).
 */
package org.supportinbox.functions.analyze;
