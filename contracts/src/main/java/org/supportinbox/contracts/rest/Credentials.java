package org.supportinbox.contracts.rest;

import org.supportinbox.contracts.Required;

/** The body of the gateway's {@code POST /login}. */
public record Credentials(@Required String username, @Required String password) {}
