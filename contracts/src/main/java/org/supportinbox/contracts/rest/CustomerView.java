package org.supportinbox.contracts.rest;

/** The customer of a conversation; {@code email} may be null. */
public record CustomerView(String name, String email) {}
