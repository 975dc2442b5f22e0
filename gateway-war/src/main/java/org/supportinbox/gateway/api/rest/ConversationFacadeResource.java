package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.supportinbox.auth.Roles;
import org.supportinbox.gateway.infrastructure.messaging.MessagingClient;
import org.supportinbox.web.Allowed;
import org.supportinbox.web.JsonBody;

/**
 * Messaging's read model and conversation changes, for operators, on the gateway's origin. Answers
 * (errors included) are messaging's, status and body.
 */
@Path("conversations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Roles.OPERATOR, Roles.ADMIN})
public class ConversationFacadeResource {

  @Inject MessagingClient messaging;

  @GET
  public Response list(
      @QueryParam("status") String status,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    add(query, "status", status);
    add(query, "limit", limit);
    add(query, "cursor", cursor);
    return Upstream.relay(messaging.get("/conversations" + query));
  }

  @GET
  @Path("{id}")
  public Response get(@PathParam("id") String id) {
    return Upstream.relay(messaging.get("/conversations/" + JsonBody.uuid("id", id)));
  }

  /** {@code {status?, assignee?}}, validated by messaging. */
  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response patch(@PathParam("id") String id, String body) {
    return Upstream.relay(messaging.patch("/conversations/" + JsonBody.uuid("id", id), body));
  }

  private static void add(StringJoiner query, String name, String value) {
    if (value != null) {
      query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }
}
