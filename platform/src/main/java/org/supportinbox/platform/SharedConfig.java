package org.supportinbox.platform;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supportinbox.auth.AiFunctionTokens;
import org.supportinbox.auth.EventSignature;
import org.supportinbox.auth.JwtVerifier;
import org.supportinbox.auth.TokenIssuer;
import org.supportinbox.contracts.events.EventTopology;

/**
 * The settings every service shares, read once from the environment through MicroProfile Config:
 * the token secret and issuer, the AI functions' key, the broker and its exchange, the request size
 * limit. Each service's own config class holds the rest; start-up checks both {@link #problems()}
 * lists. Names and defaults are in docs/configuration.md.
 */
@ApplicationScoped
public class SharedConfig {

  /** HS256 needs a key at least as long as its hash (RFC 7518 section 3.2). */
  public static final int MIN_SECRET_BYTES = 32;

  @Inject
  @ConfigProperty(name = "JWT_SECRET")
  Optional<String> jwtSecret;

  @Inject
  @ConfigProperty(name = "JWT_ISSUER", defaultValue = "support-inbox")
  String jwtIssuer;

  @Inject
  @ConfigProperty(name = "AI_FUNCTION_SECRET")
  Optional<String> aiFunctionSecret;

  @Inject
  @ConfigProperty(name = "RABBITMQ_HOST", defaultValue = "localhost")
  String rabbitHost;

  @Inject
  @ConfigProperty(name = "RABBITMQ_PORT", defaultValue = "5672")
  int rabbitPort;

  /**
   * The nodes of a RabbitMQ cluster, {@code host:port,host:port,...}; when set, it replaces {@code
   * RABBITMQ_HOST} and {@code RABBITMQ_PORT}, and a connection (and its recovery) tries them in
   * turn.
   */
  @Inject
  @ConfigProperty(name = "RABBITMQ_ADDRESSES")
  Optional<String> rabbitAddresses;

  @Inject
  @ConfigProperty(name = "RABBITMQ_VHOST", defaultValue = "/")
  String rabbitVhost;

  @Inject
  @ConfigProperty(name = "RABBITMQ_USER", defaultValue = "guest")
  String rabbitUser;

  @Inject
  @ConfigProperty(name = "RABBITMQ_PASSWORD")
  Optional<String> rabbitPassword;

  @Inject
  @ConfigProperty(name = "EVENT_EXCHANGE", defaultValue = EventTopology.DEFAULT_EXCHANGE)
  String eventExchange;

  @Inject
  @ConfigProperty(name = "MAX_REQUEST_BYTES", defaultValue = "262144")
  int maxRequestBytes;

  // Made on first use, after start-up checked the secrets (problems()), from the injected values.
  private final Lazy<JwtVerifier> verifier = Lazy.of(() -> new JwtVerifier(secret(), jwtIssuer));
  private final Lazy<TokenIssuer> issuer = Lazy.of(() -> new TokenIssuer(secret(), jwtIssuer));
  private final Lazy<JwtVerifier> aiFunctionVerifier =
      Lazy.of(() -> AiFunctionTokens.verifier(aiFunctionSecret.orElseThrow()));
  private final Lazy<EventSignature> eventSignature =
      Lazy.of(() -> EventSignature.fromSecret(jwtSecret.orElseThrow()));
  private final Lazy<EventSignature> aiFunctionEventSignature =
      Lazy.of(() -> EventSignature.fromSecret(aiFunctionSecret.orElseThrow()));

  /** What is wrong with these settings, one sentence each; empty when they can be used. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (jwtSecret.isEmpty()) {
      problems.add("JWT_SECRET is not set (at least " + MIN_SECRET_BYTES + " bytes)");
    } else if (jwtSecret.get().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      problems.add("JWT_SECRET is shorter than " + MIN_SECRET_BYTES + " bytes");
    }
    if (aiFunctionSecret.isEmpty()) {
      problems.add("AI_FUNCTION_SECRET is not set (at least " + MIN_SECRET_BYTES + " bytes)");
    } else if (aiFunctionSecret.get().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      problems.add("AI_FUNCTION_SECRET is shorter than " + MIN_SECRET_BYTES + " bytes");
    } else if (aiFunctionSecret.equals(jwtSecret)) {
      problems.add(
          "AI_FUNCTION_SECRET must differ from JWT_SECRET (the functions must not hold the key"
              + " that signs every other token)");
    }
    String addressProblem = RabbitAddresses.problem(rabbitAddresses.orElse(null));
    if (addressProblem != null) {
      problems.add(addressProblem);
    }
    if (rabbitPassword.isEmpty()) {
      problems.add("RABBITMQ_PASSWORD is not set");
    }
    if (maxRequestBytes < 1024) {
      problems.add("MAX_REQUEST_BYTES must be at least 1024");
    }
    return problems;
  }

  /** Verifies tokens signed with {@code JWT_SECRET} by {@code JWT_ISSUER}; one per application. */
  public JwtVerifier verifier() {
    return verifier.get();
  }

  /** Signs tokens the {@link #verifier()} of every service accepts. */
  public TokenIssuer issuer() {
    return issuer.get();
  }

  /**
   * Verifies the AI functions' tokens ({@code AI_FUNCTION_SECRET}, issuer {@link
   * AiFunctionTokens#ISSUER}): callers it accepts have the role {@code ai_function} only.
   */
  public JwtVerifier aiFunctionVerifier() {
    return aiFunctionVerifier.get();
  }

  /** Signs (messaging) and verifies (gateway) the events messaging publishes. */
  public EventSignature eventSignature() {
    return eventSignature.get();
  }

  /** Verifies the events the AI functions publish ({@code ai.completed}). */
  public EventSignature aiFunctionEventSignature() {
    return aiFunctionEventSignature.get();
  }

  /**
   * A connection factory for the broker; the caller sets recovery to its needs and connects with
   * {@link #newRabbitConnection}, which knows every node.
   */
  public ConnectionFactory rabbitConnectionFactory() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(rabbitHost);
    factory.setPort(rabbitPort);
    factory.setVirtualHost(rabbitVhost);
    factory.setUsername(rabbitUser);
    factory.setPassword(rabbitPassword.orElseThrow());
    factory.setConnectionTimeout(5_000);
    factory.setRequestedHeartbeat(10);
    return factory;
  }

  /**
   * A connection made by {@code factory} to the first node of {@link #rabbitAddresses()} that
   * answers (amqp-client shuffles them); automatic recovery, where the factory has it, picks from
   * the same list.
   */
  public Connection newRabbitConnection(ConnectionFactory factory, String name)
      throws IOException, TimeoutException {
    return factory.newConnection(rabbitAddresses(), name);
  }

  /** {@code RABBITMQ_ADDRESSES} when set, else {@code RABBITMQ_HOST:RABBITMQ_PORT}. */
  public List<Address> rabbitAddresses() {
    return RabbitAddresses.of(rabbitAddresses.orElse(null), rabbitHost, rabbitPort);
  }

  /** {@code host:port[,host:port...] vhost=...}, for logs. */
  public String rabbitAddress() {
    return RabbitAddresses.text(rabbitAddresses()) + " vhost=" + rabbitVhost;
  }

  public String eventExchange() {
    return eventExchange;
  }

  public int maxRequestBytes() {
    return maxRequestBytes;
  }

  private byte[] secret() {
    return jwtSecret.orElseThrow().getBytes(StandardCharsets.UTF_8);
  }
}
