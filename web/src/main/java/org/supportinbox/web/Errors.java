package org.supportinbox.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.supportinbox.contracts.rest.ErrorBody;

/** Error answers: always JSON {@link ErrorBody}. */
public final class Errors {

  private Errors() {}

  public static Response response(Response.StatusType status, ErrorBody body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  public static Response response(int status, ErrorBody body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
