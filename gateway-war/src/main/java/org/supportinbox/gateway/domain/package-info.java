/** The gateway's entities: operator accounts, failed logins, revoked tokens. */
package org.supportinbox.gateway.domain;
