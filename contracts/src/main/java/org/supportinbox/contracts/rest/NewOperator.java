package org.supportinbox.contracts.rest;

import org.supportinbox.contracts.Required;

/**
 * The body of the gateway's {@code POST /operators}: {@code display_name} defaults to the user
 * name, {@code role} to {@code operator}.
 */
public record NewOperator(
    @Required String username, String displayName, String role, @Required String password) {}
