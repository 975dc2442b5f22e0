package org.supportinbox.contracts.rest;

/**
 * The body of the gateway's {@code PATCH /operators/{username}}: fields left out stay as they are.
 */
public record OperatorChange(String displayName, String role, Boolean disabled, String password) {}
