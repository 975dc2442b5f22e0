package org.supportinbox.gateway.api.rest;

import java.util.List;
import org.supportinbox.contracts.rest.AiCorrectionReview;
import org.supportinbox.contracts.rest.AiCorrectionView;
import org.supportinbox.contracts.rest.AiExample;
import org.supportinbox.contracts.rest.AiFeedback;
import org.supportinbox.contracts.rest.AiQualityFigures;
import org.supportinbox.contracts.rest.AiQualityReport;
import org.supportinbox.contracts.rest.ArticleDraft;
import org.supportinbox.contracts.rest.ArticleView;
import org.supportinbox.contracts.rest.AttachmentView;
import org.supportinbox.contracts.rest.AuditEntryView;
import org.supportinbox.contracts.rest.AuditPage;
import org.supportinbox.contracts.rest.ConversationChange;
import org.supportinbox.contracts.rest.ConversationCounts;
import org.supportinbox.contracts.rest.ConversationPage;
import org.supportinbox.contracts.rest.ConversationStart;
import org.supportinbox.contracts.rest.ConversationSummary;
import org.supportinbox.contracts.rest.ConversationView;
import org.supportinbox.contracts.rest.Credentials;
import org.supportinbox.contracts.rest.CustomerConversationView;
import org.supportinbox.contracts.rest.CustomerMessage;
import org.supportinbox.contracts.rest.CustomerMessageView;
import org.supportinbox.contracts.rest.CustomerReadPosition;
import org.supportinbox.contracts.rest.CustomerStart;
import org.supportinbox.contracts.rest.CustomerToken;
import org.supportinbox.contracts.rest.FeedbackView;
import org.supportinbox.contracts.rest.LoginResult;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.contracts.rest.NewOperator;
import org.supportinbox.contracts.rest.OperatorChange;
import org.supportinbox.contracts.rest.OperatorReply;
import org.supportinbox.contracts.rest.OperatorView;
import org.supportinbox.contracts.rest.ReadMark;
import org.supportinbox.contracts.rest.ReadPosition;
import org.supportinbox.contracts.rest.SavedReplyChange;
import org.supportinbox.contracts.rest.SavedReplyDraft;
import org.supportinbox.contracts.rest.SavedReplyView;
import org.supportinbox.contracts.rest.SearchPage;
import org.supportinbox.contracts.rest.SearchResult;
import org.supportinbox.contracts.rest.TeamMember;
import org.supportinbox.contracts.rest.WidgetConfig;
import org.supportinbox.platform.openapi.WireOpenApi;

/** The gateway's OpenAPI document ({@code GET /openapi}); named in microprofile-config. */
public class OpenApi extends WireOpenApi {

  @Override
  protected String title() {
    return "Support Inbox gateway";
  }

  @Override
  protected String description() {
    return "The API browsers use: operator login and accounts, the audit log, the inbox, search,"
        + " the team's saved replies and knowledge base, the AI feedback and quality figures"
        + " (façades to messaging), the customer channel. The WebSocket /ws is described in"
        + " gateway-war/README.md.";
  }

  @Override
  protected List<Class<? extends Record>> records() {
    return List.of(
        Credentials.class,
        LoginResult.class,
        OperatorView.class,
        NewOperator.class,
        OperatorChange.class,
        AuditPage.class,
        AuditEntryView.class,
        ConversationStart.class,
        CustomerStart.class,
        CustomerMessageView.class,
        CustomerMessage.class,
        CustomerToken.class,
        WidgetConfig.class,
        CustomerConversationView.class,
        OperatorReply.class,
        MessageView.class,
        AttachmentView.class,
        ConversationPage.class,
        ConversationCounts.class,
        TeamMember.class,
        ConversationSummary.class,
        ConversationView.class,
        ConversationChange.class,
        ReadMark.class,
        ReadPosition.class,
        CustomerReadPosition.class,
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
        AiExample.class);
  }
}
