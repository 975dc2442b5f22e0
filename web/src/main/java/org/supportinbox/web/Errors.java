package org.supportinbox.messaging.api.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.supportinbox.contracts.rest.ErrorBody;

/** Error answers: always JSON {@link ErrorBody}. */
final class Errors {

  private Errors() {}

  static Response response(Response.StatusType status, ErrorBody body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  static Response response(int status, ErrorBody body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
