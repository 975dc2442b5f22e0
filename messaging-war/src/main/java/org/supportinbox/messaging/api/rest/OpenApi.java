package org.supportinbox.messaging.api.rest;

import java.util.List;
import org.supportinbox.contracts.InsightSource;
import org.supportinbox.contracts.rest.AiCorrectionReview;
import org.supportinbox.contracts.rest.AiCorrectionView;
import org.supportinbox.contracts.rest.AiExample;
import org.supportinbox.contracts.rest.AiExamplePage;
import org.supportinbox.contracts.rest.AiFeedback;
import org.supportinbox.contracts.rest.AiInsightView;
import org.supportinbox.contracts.rest.AiQualityFigures;
import org.supportinbox.contracts.rest.AiQualityReport;
import org.supportinbox.contracts.rest.AnswerPassagesDraft;
import org.supportinbox.contracts.rest.ArticleDraft;
import org.supportinbox.contracts.rest.ArticleView;
import org.supportinbox.contracts.rest.AttachmentView;
import org.supportinbox.contracts.rest.ConversationAnswers;
import org.supportinbox.contracts.rest.ConversationChange;
import org.supportinbox.contracts.rest.ConversationCounts;
import org.supportinbox.contracts.rest.ConversationPage;
import org.supportinbox.contracts.rest.ConversationSummary;
import org.supportinbox.contracts.rest.ConversationView;
import org.supportinbox.contracts.rest.CustomerReadPosition;
import org.supportinbox.contracts.rest.DeliveryReport;
import org.supportinbox.contracts.rest.EmailDeliveryView;
import org.supportinbox.contracts.rest.FeedbackView;
import org.supportinbox.contracts.rest.InboundAttachment;
import org.supportinbox.contracts.rest.InboundEmail;
import org.supportinbox.contracts.rest.InsightReport;
import org.supportinbox.contracts.rest.KbPassage;
import org.supportinbox.contracts.rest.MessageContext;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.contracts.rest.NewMessage;
import org.supportinbox.contracts.rest.OutboundEmail;
import org.supportinbox.contracts.rest.PassagePage;
import org.supportinbox.contracts.rest.PassageSetDraft;
import org.supportinbox.contracts.rest.PassageSetView;
import org.supportinbox.contracts.rest.ReadMark;
import org.supportinbox.contracts.rest.ReadPosition;
import org.supportinbox.contracts.rest.SavedReplyChange;
import org.supportinbox.contracts.rest.SavedReplyDraft;
import org.supportinbox.contracts.rest.SavedReplyView;
import org.supportinbox.contracts.rest.SearchPage;
import org.supportinbox.contracts.rest.SearchResult;
import org.supportinbox.platform.openapi.WireOpenApi;

/** Messaging's OpenAPI document ({@code GET /openapi}); named in microprofile-config. */
public class OpenApi extends WireOpenApi {

  @Override
  protected String title() {
    return "Support Inbox messaging";
  }

  @Override
  protected String description() {
    return "Conversations, messages and AI insights, stored in PostgreSQL and published as events"
        + " through the outbox, the team's saved replies and knowledge base. Called by the gateway (service"
        + " token), operators (their own token, also through the gateway) and the AI functions"
        + " (their own key).";
  }

  @Override
  protected List<Class<? extends Record>> records() {
    return List.of(
        NewMessage.class,
        MessageView.class,
        AttachmentView.class,
        InboundAttachment.class,
        MessageContext.class,
        ConversationPage.class,
        ConversationCounts.class,
        ConversationSummary.class,
        ConversationView.class,
        ConversationChange.class,
        ReadMark.class,
        ReadPosition.class,
        CustomerReadPosition.class,
        InsightReport.class,
        InsightSource.class,
        KbPassage.class,
        PassageSetDraft.class,
        PassageSetView.class,
        PassagePage.class,
        AnswerPassagesDraft.class,
        ConversationAnswers.class,
        AiInsightView.class,
        SearchPage.class,
        SearchResult.class,
        SearchResult.Highlight.class,
        SavedReplyView.class,
        SavedReplyDraft.class,
        SavedReplyChange.class,
        ArticleView.class,
        ArticleDraft.class,
        AiFeedback.class,
        FeedbackView.class,
        AiQualityReport.class,
        AiQualityFigures.class,
        AiCorrectionView.class,
        AiCorrectionReview.class,
        AiExample.class,
        AiExamplePage.class,
        InboundEmail.class,
        OutboundEmail.class,
        EmailDeliveryView.class,
        DeliveryReport.class);
  }
}
