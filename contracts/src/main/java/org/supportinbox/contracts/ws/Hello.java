package org.supportinbox.contracts.ws;

import java.time.Instant;

/** The {@code data} of the {@code hello} frame, the first a socket receives. */
public record Hello(Instant serverTime, String user, String role) {

  public static final String TYPE = "hello";
}
