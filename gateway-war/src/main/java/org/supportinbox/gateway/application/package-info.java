/**
 * The gateway's use cases (the inbox for customers and operators, login and revocation, operator
 * accounts, rate limits, the audit log) and the ports they call: messaging and live events.
 */
package org.supportinbox.gateway.application;
