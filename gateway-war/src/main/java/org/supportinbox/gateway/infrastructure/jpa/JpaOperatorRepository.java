package org.supportinbox.gateway.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.supportinbox.gateway.domain.Operator;
import org.supportinbox.gateway.domain.OperatorRepository;
import org.supportinbox.gateway.domain.OperatorRole;

/** Operator accounts in the {@code operators} table, in the caller's transaction. */
@ApplicationScoped
public class JpaOperatorRepository implements OperatorRepository {

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Override
  public Operator find(String username) {
    return em.find(Operator.class, username);
  }

  @Override
  public Operator findForUpdate(String username) {
    return em.find(Operator.class, username, LockModeType.PESSIMISTIC_WRITE);
  }

  @Override
  public long count() {
    return em.createQuery("select count(o) from Operator o", Long.class).getSingleResult();
  }

  @Override
  public long activeAdmins() {
    return em.createQuery(
            "select count(o) from Operator o where o.role = :r and o.disabled = false", Long.class)
        .setParameter("r", OperatorRole.ADMIN)
        .getSingleResult();
  }

  @Override
  public List<Operator> all() {
    return em.createQuery("select o from Operator o order by o.username", Operator.class)
        .getResultList();
  }

  @Override
  public void add(Operator operator) {
    em.persist(operator);
  }
}
