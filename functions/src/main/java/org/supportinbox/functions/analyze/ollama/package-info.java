/** The Ollama analyzer: the prompt, the insight's JSON schema, the ollama4j call and the probe. */
package org.supportinbox.functions.analyze.ollama;
