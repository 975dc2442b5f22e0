/** Messaging's use cases (one transaction each) and the ports they publish events through. */
package org.supportinbox.messaging.application;
