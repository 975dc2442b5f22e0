/** Work on a clock: snoozed conversations opening again when their time comes. */
package org.supportinbox.messaging.infrastructure.schedule;
