package org.supportinbox.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.supportinbox.auth.Caller;
import org.supportinbox.auth.Roles;
import org.supportinbox.auth.TokenIssuer;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.rest.ConversationStart;
import org.supportinbox.contracts.rest.ConversationView;
import org.supportinbox.contracts.rest.CustomerConversationView;
import org.supportinbox.contracts.rest.CustomerMessage;
import org.supportinbox.contracts.rest.CustomerMessageView;
import org.supportinbox.contracts.rest.CustomerStart;
import org.supportinbox.contracts.rest.CustomerToken;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.contracts.rest.NewMessage;
import org.supportinbox.contracts.rest.OperatorReply;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.platform.ConflictException;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.SharedConfig;
import org.supportinbox.platform.Texts;
import org.supportinbox.platform.Uploads;
import org.supportinbox.platform.WireJson;

/**
 * The inbox's use cases as the gateway offers them, over REST and the socket alike: customers start
 * a conversation, write into it and read it back (as contracts' customer views only); operators
 * reply, read, change and ask for a reanalysis. Messaging stores everything ({@link Messaging});
 * what it refuses reaches the caller as it answered ({@link MessagingRefusedException}), with the
 * caller's field names.
 */
@ApplicationScoped
public class Inbox {

  /** Messaging's names of the fields a customer sends, and the names the customer sent. */
  static final Map<String, String> CUSTOMER_FIELDS =
      Map.of("customer_email", "email", "sender_name", "name");

  @Inject Messaging messaging;

  @Inject Team team;

  @Inject RateLimits limits;

  @Inject LoginService logins;

  @Inject GatewayConfig config;

  @Inject SharedConfig shared;

  @Inject AutoAssign autoAssign;

  /** What a use case stored, and whether it stored it now (false: an idempotent replay). */
  public record Stored<T>(T value, boolean created) {}

  /**
   * A customer starts a conversation and gets a customer token for it. With a {@code
   * client_message_id} (a random, version 4 UUID) the start may be retried: the same request again
   * answers the same conversation and message with a fresh token, instead of a second conversation
   * ({@link ConversationStarts}), within {@code CUSTOMER_START_REPLAY_MINUTES} and while the
   * customer has not ended the chat; later it is refused (409): the start body is not a credential
   * that lasts. With {@code AUTO_ASSIGN=round_robin}, a new conversation goes to the next operator
   * online ({@link AutoAssign}) before the answer.
   */
  public Stored<CustomerStart> startConversation(ConversationStart start, String clientAddress) {
    limits.customerStart(clientAddress);
    String name = Texts.shortText("name", start.name(), 100);
    UUID key = start.clientMessageId();
    if (key != null && (key.version() != 4 || key.variant() != 2)) {
      throw new InvalidInputException(
          "client_message_id",
          "client_message_id must be a random (version 4) UUID, e.g. from crypto.randomUUID()");
    }
    UUID conversationId =
        key == null
            ? null
            : ConversationStarts.conversationId(key, name, start.email(), start.content());
    Messaging.Answer answer =
        messaging.storeMessage(
            NewMessage.fromCustomer(
                conversationId,
                name,
                start.email(),
                start.content(),
                key == null ? null : key.toString()));
    MessageView message = stored(answer, CUSTOMER_FIELDS);
    UUID conversation = message.conversationId();
    boolean created = answer.status() == 201;
    if (created) {
      autoAssign.newConversation(conversation);
    } else {
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
    return new Stored<>(
        new CustomerStart(conversation, token.token(), CustomerMessageView.of(message)), created);
  }

  /**
   * A customer's message into its token's own conversation, limited per conversation and per client
   * address (IPv6: its /64) over all of that address's conversations.
   */
  public Stored<CustomerMessageView> customerMessage(
      Caller customer, CustomerMessage message, String clientAddress) {
    UUID conversation = conversationOf(customer);
    limits.customerMessage(conversation.toString(), clientAddress);
    Messaging.Answer answer =
        messaging.storeMessage(
            NewMessage.fromCustomer(
                conversation,
                customer.name(),
                null,
                message.content(),
                message.clientMessageId(),
                message.attachmentIds()));
    return new Stored<>(
        CustomerMessageView.of(stored(answer, CUSTOMER_FIELDS)), answer.status() == 201);
  }

  /**
   * A file the customer uploads for a message not sent yet (images and PDF, typed by messaging by
   * the bytes), into the token's own conversation only. It counts against the customer's message
   * limits, like a message.
   */
  public Messaging.Answer customerUpload(
      Caller customer, String encodedName, String contentType, byte[] bytes, String clientAddress) {
    UUID conversation = conversationOf(customer);
    limits.customerMessage(conversation.toString(), clientAddress);
    return messaging.upload(
        null,
        conversation,
        Sender.CUSTOMER.wire(),
        Uploads.checked(encodedName),
        uploadType(contentType),
        bytes);
  }

  /** A file an operator uploads for a reply or note, with the operator's own token. */
  public Messaging.Answer operatorUpload(
      String operatorToken,
      UUID conversationId,
      String encodedName,
      String contentType,
      byte[] bytes) {
    return messaging.upload(
        operatorToken,
        conversationId,
        Sender.OPERATOR.wire(),
        Uploads.checked(encodedName),
        uploadType(contentType),
        bytes);
  }

  /**
   * The declared type passed on, as a hint only (messaging types the file by its bytes); anything
   * that is not a plain {@code type/subtype} goes as {@code application/octet-stream}.
   */
  private static String uploadType(String declared) {
    String base = declared == null ? "" : declared.split(";", 2)[0].strip();
    return base.matches(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}")
        ? base
        : "application/octet-stream";
  }

  /**
   * A fresh customer token for the conversation of {@code customer}'s (still valid, not ended)
   * token, with a full lifetime: the widget renews before its token expires, so that a customer who
   * comes back keeps the chat. The old token stays valid until it expires.
   */
  public CustomerToken renewCustomerToken(Caller customer) {
    UUID conversation = conversationOf(customer);
    TokenIssuer.Issued token =
        shared
            .issuer()
            .issue(
                customer.subject(),
                customer.name(),
                Set.of(Roles.CUSTOMER),
                config.customerTokenTtl(),
                Map.of(Caller.CONVERSATION_CLAIM, conversation.toString()));
    return new CustomerToken(token.token(), config.customerTokenTtl().toSeconds());
  }

  /** The customer's own conversation, as the customer may see it. */
  /**
   * A file for an operator: any file of any conversation (operators read every conversation).
   * Messaging's errors (404 for an unknown id) are passed on.
   */
  public Messaging.Download operatorAttachment(UUID id) {
    return downloaded(messaging.attachment(id, null));
  }

  /**
   * A file for a customer: only of the token's own conversation and not of an operators' note;
   * anything else is messaging's 404, the same as for an unknown id.
   */
  public Messaging.Download customerAttachment(Caller customer, UUID id) {
    return downloaded(messaging.attachment(id, conversationOf(customer)));
  }

  private static Messaging.Download downloaded(Messaging.Download d) {
    if (!d.ok()) {
      throw new MessagingRefusedException(new Messaging.Answer(d.status(), d.body()), Map.of());
    }
    return d;
  }

  public CustomerConversationView customerConversation(Caller customer) {
    Messaging.Answer answer = messaging.conversation(conversationOf(customer));
    if (!answer.ok()) {
      throw new MessagingRefusedException(answer, Map.of());
    }
    return CustomerConversationView.of(
        WireJson.JSONB.fromJson(answer.body(), ConversationView.class));
  }

  /**
   * An operator's reply, or note for the team ({@code internal}); sender and name come from the
   * token, never from the body.
   */
  public Stored<MessageView> operatorReply(Caller operator, OperatorReply reply) {
    Messaging.Answer answer =
        messaging.storeMessage(
            NewMessage.fromOperator(
                reply.conversationId(),
                operator.name(),
                reply.content(),
                reply.clientMessageId(),
                Boolean.TRUE.equals(reply.internal()),
                reply.attachmentIds()));
    return new Stored<>(stored(answer, Map.of()), answer.status() == 201);
  }

  /**
   * A view of the inbox, passed on as messaging answered it. {@code view} is one of {@link #VIEWS}
   * ({@code mine}: open and assigned to the caller; {@code unassigned}: open and assigned to no
   * one; {@code all}: every status; the others one status each); without a view, {@code status}
   * filters as before. {@code sort}, {@code limit} and {@code cursor} go to messaging, and the
   * caller as {@code reader}, so that every row says how many customer messages the caller has not
   * read.
   */
  public Messaging.Answer conversations(
      Caller operator, String view, String status, String sort, String limit, String cursor) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (view == null || view.isEmpty()) {
      parameters.put("status", status);
    } else {
      if (status != null && !status.isEmpty()) {
        throw new InvalidInputException("status", "give view or status, not both");
      }
      switch (view) {
        case "mine" -> {
          parameters.put("status", "open");
          parameters.put("assignee", operator.subject());
        }
        case "unassigned" -> {
          parameters.put("status", "open");
          parameters.put("unassigned", "true");
        }
        case "open", "pending", "snoozed", "resolved" -> parameters.put("status", view);
        case "all" -> {
          // every status
        }
        default ->
            throw new InvalidInputException(
                "view", "view must be one of " + String.join("|", VIEWS) + ", not '" + view + "'");
      }
    }
    parameters.put("sort", sort);
    parameters.put("limit", limit);
    parameters.put("cursor", cursor);
    parameters.values().removeIf(v -> v == null);
    // Each row's unread count is the caller's.
    parameters.put("reader", operator.subject());
    return messaging.conversations(parameters);
  }

  /** The inbox's views, in the order the UI shows them. */
  public static final List<String> VIEWS =
      List.of("mine", "unassigned", "open", "pending", "snoozed", "resolved", "all");

  /** How many conversations each view holds, {@code mine} for the caller. */
  public Messaging.Answer counts(Caller operator) {
    return messaging.counts(operator.subject());
  }

  /** Operators' search ({@code GET /search}), passed on as messaging answered it. */
  public Messaging.Answer search(Map<String, String> parameters) {
    return messaging.search(parameters);
  }

  /** One conversation as operators read it, passed on as messaging answered it. */
  public Messaging.Answer conversation(UUID id) {
    return messaging.conversation(id);
  }

  /** The customer's other conversations (same email), passed on as messaging answered them. */
  public Messaging.Answer relatedConversations(UUID id) {
    return messaging.relatedConversations(id);
  }

  /**
   * A change of status, assignee or snooze ({@code ConversationChange}). The gateway checks that a
   * new assignee is an active operator (it owns the accounts: messaging does not know them);
   * messaging validates the rest. A body that is not a JSON object is left for messaging to refuse.
   */
  public Messaging.Answer changeConversation(UUID id, String body) {
    String assignee = assigneeIn(body);
    if (assignee != null) {
      team.requireAssignable(Texts.shortText("assignee", assignee, 100));
    }
    return messaging.changeConversation(id, body);
  }

  /** The {@code assignee} string of a JSON object body, or null (absent, null, not a string). */
  private static String assigneeIn(String body) {
    try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
      JsonValue value = reader.readValue();
      if (value instanceof JsonObject object
          && object.get("assignee") instanceof JsonString assignee) {
        return assignee.getString();
      }
    } catch (JsonException e) {
      // malformed: messaging answers 400 malformed_json with its usual body
    }
    return null;
  }

  /**
   * The operator read a conversation (up to a message, {@code ReadMark}, or its latest); messaging
   * takes the reader from the operator's token and tells the operator's other tabs.
   */
  public Messaging.Answer markRead(String operatorToken, UUID conversationId, String body) {
    return messaging.markRead(operatorToken, conversationId, body);
  }

  /**
   * The customer has seen their conversation up to a message ({@code ReadMark}) or its latest: no
   * email fallback goes out for what they read. Only the token's own conversation; messaging's
   * answer ({@code CustomerReadPosition}, or its error) is passed on.
   */
  public Messaging.Answer customerRead(Caller customer, String body) {
    UUID conversation = conversationOf(customer);
    limits.customerRead(conversation.toString());
    return messaging.customerRead(conversation, body);
  }

  /** An operator asks for a message to be analysed again; messaging records who asked. */
  public Messaging.Answer reanalyze(String operatorToken, UUID messageId, String body) {
    return messaging.reanalyze(operatorToken, messageId, body);
  }

  private static MessageView stored(Messaging.Answer answer, Map<String, String> fieldNames) {
    if (!answer.ok()) {
      throw new MessagingRefusedException(answer, fieldNames);
    }
    return WireJson.JSONB.fromJson(answer.body(), MessageView.class);
  }

  private static UUID conversationOf(Caller customer) {
    if (customer.conversationId() == null) {
      throw new jakarta.ws.rs.ForbiddenException("this token names no conversation");
    }
    return JsonBody.uuid("conversation_id", customer.conversationId());
  }
}
