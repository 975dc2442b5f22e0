package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.supportinbox.messaging.domain.DuplicateValueException;
import org.supportinbox.messaging.domain.SavedReply;
import org.supportinbox.messaging.domain.SavedReplyRepository;

/**
 * Saved replies in the {@code saved_replies} table, in the caller's transaction. The unique index
 * on {@code shortcut} decides between two replies that want one shortcut, also when they are
 * written at the same time: its violation becomes {@link DuplicateValueException}.
 */
@ApplicationScoped
public class JpaSavedReplyRepository implements SavedReplyRepository {

  /** PostgreSQL's SQLSTATE for a unique violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  /**
   * ILIKE with the pattern's own characters escaped, so {@code _} in a shortcut and {@code %} in a
   * title match themselves. No index: the library holds a few hundred short rows, read whole.
   */
  @Override
  @SuppressWarnings("unchecked")
  public List<SavedReply> matching(String text) {
    if (text == null) {
      return em.createNativeQuery(
              "select * from saved_replies order by lower(title), id", SavedReply.class)
          .getResultList();
    }
    String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return em.createNativeQuery(
            "select * from saved_replies where title ilike ?1 escape '\\'"
                + " or shortcut ilike ?1 escape '\\' order by lower(title), id",
            SavedReply.class)
        .setParameter(1, pattern)
        .getResultList();
  }

  @Override
  public SavedReply find(UUID id) {
    return em.find(SavedReply.class, id);
  }

  @Override
  public SavedReply findForUpdate(UUID id) {
    return em.find(SavedReply.class, id, LockModeType.PESSIMISTIC_WRITE);
  }

  @Override
  public void add(SavedReply reply) {
    em.persist(reply);
    flush(reply);
  }

  @Override
  public void update(SavedReply reply) {
    flush(reply);
  }

  @Override
  public boolean delete(UUID id) {
    return em.createQuery("delete from SavedReply r where r.id = :id")
            .setParameter("id", id)
            .executeUpdate()
        > 0;
  }

  private void flush(SavedReply reply) {
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (isUniqueViolation(e)) {
        throw new DuplicateValueException(
            "shortcut", "another saved reply has the shortcut '" + reply.shortcut() + "'");
      }
      throw e;
    }
  }

  /**
   * Whether the database refused a duplicate. Ids are random UUIDs, so the one unique value a
   * request can repeat is the shortcut.
   */
  private static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
