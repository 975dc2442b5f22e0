package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.List;
import java.util.UUID;
import org.supportinbox.messaging.domain.Article;
import org.supportinbox.messaging.domain.ArticleRepository;

/**
 * Articles in the {@code kb_articles} table, in the caller's transaction. An id is locked with a
 * transaction-level advisory lock (the two-key form, whose key space is apart from the outbox
 * relay's one-key lock), so that it can be locked before its row exists.
 */
@ApplicationScoped
public class JpaArticleRepository implements ArticleRepository {

  /** The first key of the articles' advisory locks; the second is a hash of the id. */
  private static final int ARTICLE_LOCKS = 17;

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  /**
   * ILIKE with the pattern's own characters escaped, so {@code _} and {@code %} in a title match
   * themselves; the tag through the GIN index on {@code tags}.
   */
  @Override
  @SuppressWarnings("unchecked")
  public List<Article> matching(String text, String tag, int offset, int limit) {
    StringBuilder sql = new StringBuilder("select * from kb_articles where true");
    if (text != null) {
      sql.append(" and title ilike :pattern escape '\\'");
    }
    if (tag != null) {
      sql.append(" and tags @> array[cast(:tag as text)]");
    }
    sql.append(" order by lower(title), id offset :offset limit :limit");
    Query query = em.createNativeQuery(sql.toString(), Article.class);
    if (text != null) {
      query.setParameter(
          "pattern",
          "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    if (tag != null) {
      query.setParameter("tag", tag);
    }
    return query.setParameter("offset", offset).setParameter("limit", limit).getResultList();
  }

  @Override
  public Article lock(UUID id) {
    em.createNativeQuery(
            "select count(*) from (select pg_advisory_xact_lock(:kind, hashtext(:id))) l")
        .setParameter("kind", ARTICLE_LOCKS)
        .setParameter("id", id.toString())
        .getSingleResult();
    return em.find(Article.class, id, LockModeType.PESSIMISTIC_WRITE);
  }

  @Override
  public Article find(UUID id) {
    return em.find(Article.class, id);
  }

  @Override
  public void add(Article article) {
    em.persist(article);
    em.flush();
  }

  @Override
  public void update(Article article) {
    em.flush();
  }

  @Override
  public boolean delete(UUID id) {
    return em.createQuery("delete from Article a where a.id = :id")
            .setParameter("id", id)
            .executeUpdate()
        > 0;
  }
}
