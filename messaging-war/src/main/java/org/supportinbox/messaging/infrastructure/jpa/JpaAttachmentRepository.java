package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.supportinbox.contracts.Sender;
import org.supportinbox.messaging.domain.Attachment;
import org.supportinbox.messaging.domain.AttachmentRepository;
import org.supportinbox.messaging.domain.Message;

/**
 * Files in the {@code attachments} table, in the caller's transaction. Plain SQL rather than an
 * entity, so the metadata is read without ever loading the bytes (Hibernate's lazy basic fields
 * need bytecode enhancement, which Payara's class loader cannot take: see persistence.xml).
 */
@ApplicationScoped
public class JpaAttachmentRepository implements AttachmentRepository {

  private static final String COLUMNS =
      "a.id, a.message_id, a.conversation_id, a.filename, a.content_type, a.size, m.internal";

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Override
  public List<Attachment> add(Message message, List<Attachment.New> files) {
    if (files.isEmpty()) {
      return List.of();
    }
    em.flush(); // the message row first: the files reference it
    List<Attachment> stored = new ArrayList<>(files.size());
    for (int i = 0; i < files.size(); i++) {
      Attachment.New f = files.get(i);
      UUID id = UUID.randomUUID();
      em.createNativeQuery(
              "insert into attachments (id, message_id, conversation_id, position, filename,"
                  + " content_type, size, content, created_at) values (?1, ?2, ?3, ?4, ?5, ?6,"
                  + " ?7, ?8, ?9)")
          .setParameter(1, id)
          .setParameter(2, message.id())
          .setParameter(3, message.conversationId())
          .setParameter(4, (short) i)
          .setParameter(5, f.filename())
          .setParameter(6, f.contentType())
          .setParameter(7, (long) f.content().length)
          .setParameter(8, f.content())
          .setParameter(9, message.createdAt())
          .executeUpdate();
      stored.add(
          new Attachment(
              id,
              message.id(),
              message.conversationId(),
              f.filename(),
              f.contentType(),
              f.content().length,
              message.internal()));
    }
    return List.copyOf(stored);
  }

  @Override
  public Map<UUID, List<Attachment>> ofMessages(Collection<UUID> messageIds) {
    if (messageIds.isEmpty()) {
      return Map.of();
    }
    return grouped(
        em.createNativeQuery(
                "select "
                    + COLUMNS
                    + " from attachments a join messages m on m.id = a.message_id"
                    + " where a.message_id in (:ids) order by a.message_id, a.position")
            .setParameter("ids", List.copyOf(messageIds))
            .getResultList());
  }

  @Override
  public Map<UUID, List<Attachment>> ofConversation(UUID conversationId) {
    return grouped(
        em.createNativeQuery(
                "select "
                    + COLUMNS
                    + " from attachments a join messages m on m.id = a.message_id"
                    + " where a.conversation_id = ?1 order by a.message_id, a.position")
            .setParameter(1, conversationId)
            .getResultList());
  }

  @Override
  public Attachment find(UUID id) {
    List<?> rows =
        em.createNativeQuery(
                "select "
                    + COLUMNS
                    + " from attachments a join messages m on m.id = a.message_id"
                    + " where a.id = ?1")
            .setParameter(1, id)
            .getResultList();
    return rows.isEmpty() ? null : attachment((Object[]) rows.get(0));
  }

  @Override
  public byte[] content(UUID id) {
    List<?> rows =
        em.createNativeQuery("select content from attachments where id = ?1")
            .setParameter(1, id)
            .getResultList();
    return rows.isEmpty() ? null : (byte[]) rows.get(0);
  }

  @Override
  public Attachment.Upload addUpload(
      UUID conversationId, Sender sender, String uploadedBy, Attachment.New file, Instant now) {
    UUID id = UUID.randomUUID();
    em.createNativeQuery(
            "insert into attachment_uploads (id, conversation_id, sender, uploaded_by, filename,"
                + " content_type, size, content, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                + " ?8, ?9)")
        .setParameter(1, id)
        .setParameter(2, conversationId)
        .setParameter(3, sender.wire())
        .setParameter(4, uploadedBy)
        .setParameter(5, file.filename())
        .setParameter(6, file.contentType())
        .setParameter(7, (long) file.content().length)
        .setParameter(8, file.content())
        .setParameter(9, now)
        .executeUpdate();
    return new Attachment.Upload(
        id, conversationId, file.filename(), file.contentType(), file.content().length);
  }

  @Override
  public long waitingUploads(UUID conversationId, Sender sender) {
    return ((Number)
            em.createNativeQuery(
                    "select count(*) from attachment_uploads where conversation_id = ?1"
                        + " and sender = ?2")
                .setParameter(1, conversationId)
                .setParameter(2, sender.wire())
                .getSingleResult())
        .longValue();
  }

  /**
   * One statement: the upload's row is deleted and its copy inserted together, so two messages
   * naming the same upload cannot both take it (the second finds it gone), and the bytes never
   * leave the database.
   */
  @Override
  public boolean bindUpload(Message message, Sender sender, UUID uploadId, int position) {
    em.flush(); // the message row first: the file references it
    int moved =
        em.createNativeQuery(
                "with moved as (delete from attachment_uploads where id = ?1"
                    + " and conversation_id = ?2 and sender = ?3 returning *)"
                    + " insert into attachments (id, message_id, conversation_id, position,"
                    + " filename, content_type, size, content, created_at)"
                    + " select id, ?4, conversation_id, ?5, filename, content_type, size,"
                    + " content, ?6 from moved")
            .setParameter(1, uploadId)
            .setParameter(2, message.conversationId())
            .setParameter(3, sender.wire())
            .setParameter(4, message.id())
            .setParameter(5, (short) position)
            .setParameter(6, message.createdAt())
            .executeUpdate();
    return moved == 1;
  }

  @Override
  public int purgeUploads(Instant cutoff) {
    return em.createNativeQuery("delete from attachment_uploads where created_at < ?1")
        .setParameter(1, cutoff)
        .executeUpdate();
  }

  private static Map<UUID, List<Attachment>> grouped(List<?> rows) {
    Map<UUID, List<Attachment>> byMessage = new LinkedHashMap<>();
    for (Object row : rows) {
      Attachment a = attachment((Object[]) row);
      byMessage.computeIfAbsent(a.messageId(), k -> new ArrayList<>()).add(a);
    }
    return byMessage;
  }

  private static Attachment attachment(Object[] r) {
    return new Attachment(
        uuid(r[0]),
        uuid(r[1]),
        uuid(r[2]),
        (String) r[3],
        (String) r[4],
        ((Number) r[5]).longValue(),
        (Boolean) r[6]);
  }

  private static UUID uuid(Object o) {
    return o instanceof UUID u ? u : UUID.fromString(o.toString());
  }
}
