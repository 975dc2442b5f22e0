package org.supportinbox.contracts.rest;

import java.util.UUID;

/**
 * The body of {@code PUT /conversations/{id}/read} (gateway and messaging alike), which may be left
 * out: {@code messageId} is the latest message the operator has seen in the thread; without it the
 * conversation is read up to its latest message. A read position only ever moves forward. The
 * customer's {@code POST /customer/read} (messaging's {@code PUT
 * /conversations/{id}/customer-read}) takes the same body, {@code messageId} then being the latest
 * message the customer has seen.
 */
public record ReadMark(UUID messageId) {}
