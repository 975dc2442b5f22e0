package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.supportinbox.auth.Caller;
import org.supportinbox.auth.Roles;
import org.supportinbox.auth.TokenIssuer;
import org.supportinbox.contracts.rest.ConversationView;
import org.supportinbox.contracts.rest.CustomerConversationView;
import org.supportinbox.contracts.rest.CustomerMessageView;
import org.supportinbox.contracts.rest.CustomerStart;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.gateway.application.ConversationStarts;
import org.supportinbox.gateway.application.LoginService;
import org.supportinbox.gateway.application.RateLimits;
import org.supportinbox.gateway.infrastructure.config.GatewayConfig;
import org.supportinbox.gateway.infrastructure.messaging.MessagingClient;
import org.supportinbox.web.Allowed;
import org.supportinbox.web.CallerPrincipal;
import org.supportinbox.web.ConflictException;
import org.supportinbox.web.InvalidInputException;
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

  @Inject LoginService logins;

  /** Messaging's names of the fields a customer sends, as the customer named them. */
  private static final Map<String, String> CUSTOMER_FIELDS =
      Map.of("customer_email", "email", "sender_name", "name");

  /**
   * {@code {name, email?, content, client_message_id?}} → 201 {@code {conversation_id,
   * customer_token, message}}. With a {@code client_message_id} (a random, version 4 UUID) the
   * start can be retried: the same request again, within {@code CUSTOMER_START_REPLAY_MINUTES} and
   * while the customer has not ended the chat, answers 200 with the same conversation and message
   * and a fresh token, instead of starting a second conversation ({@link ConversationStarts}).
   * Later, or after the chat was ended, it is 409: the start body is not a credential that lasts.
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
    if (key != null && (key.version() != 4 || key.variant() != 2)) {
      throw new InvalidInputException(
          "client_message_id",
          "client_message_id must be a random (version 4) UUID, e.g. from crypto.randomUUID()");
    }
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
      return Upstream.relay(answer, CUSTOMER_FIELDS);
    }
    MessageView message = WireJson.JSONB.fromJson(answer.body(), MessageView.class);
    UUID conversation = message.conversationId();
    if (answer.status() == 200) {
      // Messaging's 200: the idempotency key named the message the first attempt stored.
      Instant firstAt = message.createdAt();
      if (firstAt.plus(config.customerStartReplayWindow()).isBefore(Instant.now())
          || logins.customerSessionEnded(conversation)) {
        throw new ConflictException(
            "client_message_id",
            "this conversation start was used already; start a new chat with a new"
                + " client_message_id");
      }
    }
    TokenIssuer.Issued token =
        shared
            .issuer()
            .issue(
                "customer-" + conversation,
                name,
                Set.of(Roles.CUSTOMER),
                config.customerTokenTtl(),
                Map.of(Caller.CONVERSATION_CLAIM, conversation.toString()));
    return Response.status(answer.status())
        .entity(new CustomerStart(conversation, token.token(), CustomerMessageView.of(message)))
        .build();
  }

  /** {@code {content, client_message_id?}} into the token's own conversation. */
  @POST
  @Path("messages")
  @Allowed(Roles.CUSTOMER)
  @Consumes(MediaType.APPLICATION_JSON)
  public Response post(
      String text, @Context SecurityContext security, @Context HttpServletRequest request) {
    Caller caller = CallerPrincipal.of(security);
    limits.customerMessage(conversationOf(caller), request.getRemoteAddr());
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
      return Upstream.relay(answer, CUSTOMER_FIELDS);
    }
    return Response.status(answer.status())
        .entity(CustomerMessageView.of(WireJson.JSONB.fromJson(answer.body(), MessageView.class)))
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
      return Upstream.relay(answer, Map.of());
    }
    return Response.ok(
            CustomerConversationView.of(
                WireJson.JSONB.fromJson(answer.body(), ConversationView.class)))
        .build();
  }

  private static String conversationOf(Caller caller) {
    if (caller.conversationId() == null) {
      throw new jakarta.ws.rs.ForbiddenException("this token names no conversation");
    }
    return JsonBody.uuid("conversation_id", caller.conversationId()).toString();
  }
}
