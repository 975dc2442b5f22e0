package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Set;
import org.supportinbox.auth.Caller;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.Sender;
import org.supportinbox.messaging.application.MessageService;
import org.supportinbox.messaging.application.NewMessage;
import org.supportinbox.web.Allowed;
import org.supportinbox.web.CallerPrincipal;
import org.supportinbox.web.InvalidInputException;
import org.supportinbox.web.JsonBody;
import org.supportinbox.web.Texts;

/**
 * {@code POST /messages}: store a message, creating its conversation when a customer starts one.
 */
@Path("messages")
@RequestScoped
public class MessageResource {

  static final Set<String> FIELDS =
      Set.of(
          "conversation_id",
          "sender",
          "sender_name",
          "customer_email",
          "content",
          "client_message_id");

  @Inject MessageService messages;

  /**
   * 201 with the stored message, or 200 with the message stored earlier under the same {@code
   * client_message_id} in the same conversation. Operators (as opposed to the gateway's service
   * token) can only send as {@code operator}, under their own name by default.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Allowed({Roles.SERVICE, Roles.OPERATOR, Roles.ADMIN})
  public Response post(String text, @Context SecurityContext security) {
    Caller caller = CallerPrincipal.of(security);
    JsonBody body = JsonBody.parse(text, FIELDS);
    Sender sender = body.requiredEnum("sender", Sender.class);
    String senderName = Texts.shortText("sender_name", body.string("sender_name"), 200);
    if (!caller.hasRole(Roles.SERVICE)) {
      if (sender != Sender.OPERATOR) {
        throw new InvalidInputException(
            "sender", "an operator token can only send messages as sender 'operator'");
      }
      if (senderName == null) {
        senderName = caller.name();
      }
    }
    if (sender == Sender.OPERATOR && !body.has("conversation_id")) {
      throw new InvalidInputException(
          "missing_field",
          "conversation_id",
          "conversation_id is required for operator messages (only customers start conversations)");
    }
    String email = Texts.shortText("customer_email", body.string("customer_email"), 254);
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
      throw new InvalidInputException("customer_email", "customer_email is not an email address");
    }
    NewMessage cmd =
        new NewMessage(
            body.uuid("conversation_id"),
            sender,
            senderName,
            email,
            Texts.content("content", body.requiredString("content")),
            Texts.shortText("client_message_id", body.string("client_message_id"), 100));
    MessageService.Posted posted = messages.post(cmd);
    return Response.status(posted.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(posted.message())
        .build();
  }
}
