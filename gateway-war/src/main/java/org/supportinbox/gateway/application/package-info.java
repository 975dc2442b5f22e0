/** The gateway's use cases: operator accounts, login with back-off, logout and revocation. */
package org.supportinbox.gateway.application;
