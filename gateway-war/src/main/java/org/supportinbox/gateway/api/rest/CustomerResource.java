package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.supportinbox.auth.Caller;
import org.supportinbox.auth.Roles;
import org.supportinbox.auth.TokenIssuer;
import org.supportinbox.gateway.application.ConversationStarts;
import org.supportinbox.gateway.application.RateLimits;
import org.supportinbox.gateway.infrastructure.config.GatewayConfig;
import org.supportinbox.gateway.infrastructure.messaging.MessagingClient;
import org.supportinbox.web.Allowed;
import org.supportinbox.web.CallerPrincipal;
import org.supportinbox.web.JsonBody;
import org.supportinbox.web.Public;
import org.supportinbox.web.SharedConfig;
import org.supportinbox.web.Texts;
import org.supportinbox.web.WireJson;

/**
 * The customer channel. A customer starts a conversation without a token and gets one (role {@code
 * customer}, claim {@code conversation_id}) that reaches that conversation only; it never sees AI
 * insights or internal fields.
 */
@Path("customer")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

  @Inject MessagingClient messaging;

  @Inject GatewayConfig config;

  @Inject RateLimits limits;

  @Inject SharedConfig shared;

  /**
   * {@code {name, email?, content, client_message_id?}} → 201 {@code {conversation_id,
   * customer_token, message}}. With a {@code client_message_id} (a random UUID) the start can be
   * retried: the same request again answers 200 with the same conversation and message and a fresh
   * token, instead of starting a second conversation ({@link ConversationStarts}).
   */
  @POST
  @Path("conversations")
  @Public
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(String text, @Context HttpServletRequest request) {
    limits.customerStart(request.getRemoteAddr());
    JsonBody body = JsonBody.parse(text, Set.of("name", "email", "content", "client_message_id"));
    String name = Texts.shortText("name", body.requiredString("name"), 100);
    String content = body.requiredString("content");
    String email = body.string("email");
    UUID key = body.uuid("client_message_id");
    JsonObjectBuilder out =
        WireJson.JSON
            .createObjectBuilder()
            .add("sender", "customer")
            .add("sender_name", name)
            .add("content", content);
    if (email != null) {
      out.add("customer_email", email);
    }
    if (key != null) {
      out.add(
          "conversation_id",
          ConversationStarts.conversationId(key, name, email, content).toString());
      out.add("client_message_id", key.toString());
    }
    MessagingClient.Answer answer = messaging.post("/messages", out.build().toString());
    if (!Upstream.ok(answer)) {
      return Upstream.relay(answer);
    }
    JsonObject message = WireJson.object(answer.body());
    String conversation = message.getString("conversation_id");
    TokenIssuer.Issued token =
        shared
            .issuer()
            .issue(
                "customer-" + conversation,
                name,
                Set.of(Roles.CUSTOMER),
                config.customerTokenTtl(),
                Map.of(Caller.CONVERSATION_CLAIM, conversation));
    JsonObject result =
        WireJson.JSON
            .createObjectBuilder()
            .add("conversation_id", conversation)
            .add("customer_token", token.token())
            .add("message", Upstream.customerMessage(message))
            .build();
    // Messaging's 200: the idempotency key named the message the first attempt stored.
    return Response.status(answer.status()).entity(result.toString()).build();
  }

  /** {@code {content, client_message_id?}} into the token's own conversation. */
  @POST
  @Path("messages")
  @Allowed(Roles.CUSTOMER)
  @Consumes(MediaType.APPLICATION_JSON)
  public Response post(String text, @Context SecurityContext security) {
    Caller caller = CallerPrincipal.of(security);
    limits.customerMessage(conversationOf(caller));
    JsonBody body = JsonBody.parse(text, Set.of("content", "client_message_id"));
    JsonObjectBuilder out =
        WireJson.JSON
            .createObjectBuilder()
            .add("sender", "customer")
            .add("sender_name", caller.name())
            .add("conversation_id", conversationOf(caller))
            .add("content", body.requiredString("content"));
    String clientId = body.string("client_message_id");
    if (clientId != null) {
      out.add("client_message_id", clientId);
    }
    MessagingClient.Answer answer = messaging.post("/messages", out.build().toString());
    if (!Upstream.ok(answer)) {
      return Upstream.relay(answer);
    }
    return Response.status(answer.status())
        .entity(Upstream.customerMessage(WireJson.object(answer.body())).toString())
        .build();
  }

  /** The customer's own conversation, without AI insights or internal fields. */
  @GET
  @Path("conversation")
  @Allowed(Roles.CUSTOMER)
  public Response conversation(@Context SecurityContext security) {
    MessagingClient.Answer answer =
        messaging.get("/conversations/" + conversationOf(CallerPrincipal.of(security)));
    if (!Upstream.ok(answer)) {
      return Upstream.relay(answer);
    }
    return Response.ok(Upstream.customerConversation(WireJson.object(answer.body())).toString())
        .build();
  }

  private static String conversationOf(Caller caller) {
    if (caller.conversationId() == null) {
      throw new jakarta.ws.rs.ForbiddenException("this token names no conversation");
    }
    return JsonBody.uuid("conversation_id", caller.conversationId()).toString();
  }
}
