/**
 * The gateway's entities and rules (operator accounts, failed logins, the audit log, client
 * addresses) and the ports of their repositories.
 */
package org.supportinbox.gateway.domain;
