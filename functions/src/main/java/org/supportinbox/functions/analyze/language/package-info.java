/** The customer's language, detected per message before either analyzer sees it. */
package org.supportinbox.functions.analyze.language;
