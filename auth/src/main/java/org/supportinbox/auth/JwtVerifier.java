package org.supportinbox.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies bearer tokens strictly: signature with the shared secret and HS256 only (so {@code alg:
 * none} and every other algorithm fail), issuer, {@code exp}, {@code iat} (not in the future),
 * {@code nbf}, a bounded lifetime, {@value #CLOCK_SKEW_SECONDS} s of clock skew, and at most
 * {@value #MAX_TOKEN_CHARS} characters.
 */
public final class JwtVerifier implements TokenVerifier {

  /** Longest lifetime ({@code exp - iat}) a token may have. */
  public static final long MAX_TTL_SECONDS = 24 * 3600;

  /**
   * Longest token read at all. The system's own tokens are under 1 KB; a longer one is refused
   * before it is decoded, so a huge token costs neither parsing nor a place in the cache below.
   */
  public static final int MAX_TOKEN_CHARS = 8 * 1024;

  /** How far the clocks of the signer and the verifier may differ. */
  public static final int CLOCK_SKEW_SECONDS = 30;

  /** Most tokens remembered as verified; past it the memory starts afresh. */
  static final int CACHE_SIZE = 10_000;

  private final DefaultJWTParser parser;

  /** When not null, every verified caller has exactly these roles, whatever the token says. */
  private final Set<String> grantedRoles;

  /**
   * Tokens already verified, with their expiry: a caller sends the same token many times, and
   * verifying its signature and claims every time cost about a tenth of a request's CPU. The key is
   * the whole token, so any change to it is a miss and is verified afresh.
   */
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  private record Verified(Caller caller, long expiresAt) {}

  public JwtVerifier(byte[] secret, String issuer) {
    this(secret, issuer, null);
  }

  /**
   * A verifier for a key that stands for a fixed set of roles: the callers it accepts have exactly
   * {@code grantedRoles}, whatever {@code groups} their token claims (null: the token's groups).
   */
  public JwtVerifier(byte[] secret, String issuer, Set<String> grantedRoles) {
    this.grantedRoles = grantedRoles == null ? null : Set.copyOf(grantedRoles);
    JWTAuthContextInfo info =
        new JWTAuthContextInfo(new SecretKeySpec(secret, "HmacSHA256"), issuer);
    info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
    info.setRequiredClaims(Set.of("sub", "iat", "exp"));
    info.setMaxTimeToLiveSecs(MAX_TTL_SECONDS);
    info.setClockSkew(CLOCK_SKEW_SECONDS);
    parser = new DefaultJWTParser(info);
  }

  /** The caller the token names, or {@link ParseException} saying why it is not acceptable. */
  @Override
  public Caller verify(String token) throws ParseException {
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new ParseException("the token is longer than " + MAX_TOKEN_CHARS + " characters");
    }
    Verified known = verified.get(token);
    if (known != null) {
      if (Instant.now().getEpochSecond() < known.expiresAt()) {
        return known.caller();
      }
      verified.remove(token);
    }
    return parse(token);
  }

  private Caller parse(String token) throws ParseException {
    JsonWebToken jwt = parser.parse(token);
    // smallrye-jwt checks exp - iat against the longest lifetime, but not iat against the clock:
    // without this, iat = now + 10 years with exp = iat + 1 h would pass, and outlive every cap.
    if (jwt.getIssuedAtTime() > Instant.now().getEpochSecond() + CLOCK_SKEW_SECONDS) {
      throw new ParseException("the token is issued in the future (iat)");
    }
    String subject = jwt.getSubject();
    if (subject == null || subject.isBlank()) {
      throw new ParseException("the token has no subject");
    }
    String name = jwt.getClaim("name");
    Set<String> groups =
        grantedRoles != null
            ? grantedRoles
            : jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups());
    Object conversation = jwt.getClaim(Caller.CONVERSATION_CLAIM);
    Caller caller =
        new Caller(
            subject,
            name == null || name.isBlank() ? subject : name,
            groups,
            jwt.getTokenID(),
            jwt.getExpirationTime(),
            conversation instanceof jakarta.json.JsonString js
                ? js.getString()
                : conversation == null ? null : conversation.toString(),
            generation(jwt.getClaim(Caller.GENERATION_CLAIM)));
    if (verified.size() >= CACHE_SIZE) {
      verified.clear();
    }
    verified.put(token, new Verified(caller, jwt.getExpirationTime()));
    return caller;
  }

  private static long generation(Object claim) throws ParseException {
    if (claim == null) {
      return 0;
    }
    if (claim instanceof jakarta.json.JsonNumber n && n.isIntegral()) {
      return n.longValue();
    }
    if (claim instanceof Number n) {
      return n.longValue();
    }
    throw new ParseException("the token's " + Caller.GENERATION_CLAIM + " claim is not a number");
  }
}
