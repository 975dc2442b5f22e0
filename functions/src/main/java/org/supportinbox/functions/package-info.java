/**
 * AI functions: the runtime every function shares ({@code runtime}) and the functions themselves.
 */
package org.supportinbox.functions;
