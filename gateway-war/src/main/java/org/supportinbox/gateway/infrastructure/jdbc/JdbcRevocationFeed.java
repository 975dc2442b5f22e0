package org.supportinbox.gateway.infrastructure.jdbc;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.supportinbox.gateway.domain.RevocationFeed;

/**
 * Reads what ended tokens since a watermark in one statement, so in one snapshot: the rows of
 * {@code revoked_tokens}, {@code operators} and {@code ended_customer_sessions} whose {@code
 * changed_xid} (V5) is at or past the watermark, and the snapshot's oldest running transaction as
 * the next watermark (see V5 for why nothing committed late is missed). Plain JDBC on the pool
 * without a transaction: it runs four times a second on the refresher's own thread.
 */
@ApplicationScoped
public class JdbcRevocationFeed implements RevocationFeed {

  /** A read that has not answered by then is failed; the denylist is stale after 1 s anyway. */
  static final int QUERY_TIMEOUT_SECONDS = 1;

  private static final String CHANGES =
      "select 'w', null, null::timestamptz,"
          + " cast(cast(pg_snapshot_xmin(pg_current_snapshot()) as text) as bigint), false"
          + " union all select 'j', jti, expires_at, 0, false from revoked_tokens"
          + " where changed_xid >= cast(cast(? as text) as xid8) and expires_at > now()"
          + " union all select 'o', username, null, token_generation, disabled from operators"
          + " where changed_xid >= cast(cast(? as text) as xid8)"
          + " union all select 'e', cast(conversation_id as text), ended_at, 0, false"
          + " from ended_customer_sessions"
          + " where changed_xid >= cast(cast(? as text) as xid8) and ended_at > ?";

  @Resource(lookup = "jdbc/inbox")
  DataSource dataSource;

  @Override
  public Changes changesSince(long watermark, Instant endedAfter) {
    Map<String, Instant> jtis = new HashMap<>();
    Map<String, OperatorState> operators = new HashMap<>();
    Map<UUID, Instant> ended = new HashMap<>();
    long next = -1;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(CHANGES)) {
      s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      s.setLong(1, watermark);
      s.setLong(2, watermark);
      s.setLong(3, watermark);
      s.setObject(4, endedAfter.atOffset(ZoneOffset.UTC));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          switch (r.getString(1)) {
            case "w" -> next = r.getLong(4);
            case "j" -> jtis.put(r.getString(2), r.getTimestamp(3).toInstant());
            case "o" ->
                operators.put(r.getString(2), new OperatorState(r.getBoolean(5), r.getLong(4)));
            default -> ended.put(UUID.fromString(r.getString(2)), r.getTimestamp(3).toInstant());
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the revocations: " + e.getMessage(), e);
    }
    if (next < 0) {
      throw new IllegalStateException("the revocations' read returned no watermark");
    }
    return new Changes(jtis, operators, ended, next);
  }
}
