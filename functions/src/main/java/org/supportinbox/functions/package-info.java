/** AI functions: the process entry point and the function it runs. */
package org.supportinbox.functions;
