package org.supportinbox.contracts.rest;

/**
 * Every 4xx/5xx answer of every service.
 *
 * @param error stable machine-readable code, e.g. {@code invalid_field}
 * @param detail a sentence for people, naming what is wrong
 * @param field the offending JSON field or query parameter, or null
 */
public record ErrorBody(String error, String detail, String field) {}
