/** The analyze function: the prompt, the defensive parser of model output and the Ollama call. */
package org.supportinbox.functions.analyze;
