package org.supportinbox.gateway.api.ui;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.contracts.rest.ErrorBody;
import org.supportinbox.contracts.rest.WidgetConfig;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.platform.Public;

/**
 * What the embeddable widget's script ({@code static-ui/widget.js}, on another site) asks before it
 * shows anything: whether that site may embed the chat. The answer carries CORS headers for the
 * sites in {@code WIDGET_ALLOWED_ORIGINS} only, so a page of any other site cannot read it, and the
 * script then says so in the console and shows no widget. The frame itself is protected by the chat
 * page's {@code frame-ancestors} (platform's SecurityHeadersFilter), whatever a script does.
 */
@Path("widget")
public class WidgetResource {

  /** The chat page in its embedded form (a close button, unread counts for the launcher). */
  static final String CHAT_PATH = "/chat.html?embed=1";

  @Inject GatewayConfig config;

  @Operation(summary = "Whether the calling site may embed the chat widget, and how")
  @APIResponse(
      responseCode = "200",
      description = "the site may embed it (with Access-Control-Allow-Origin for that site)",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "WidgetConfig")))
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @GET
  @Path("config")
  @Public
  @Produces(MediaType.APPLICATION_JSON)
  public Response config(@HeaderParam("Origin") String origin) {
    CacheControl noStore = CacheControl.valueOf("no-store");
    if (origin == null || !config.widgetAllowedOrigins().contains(origin)) {
      return Response.status(Response.Status.FORBIDDEN)
          .entity(
              new ErrorBody(
                  "forbidden",
                  "this site may not embed the chat widget (WIDGET_ALLOWED_ORIGINS)",
                  null))
          .cacheControl(noStore)
          .header("Vary", "Origin")
          .build();
    }
    return Response.ok(new WidgetConfig(CHAT_PATH, "Chat with us"))
        .header("Access-Control-Allow-Origin", origin)
        .header("Vary", "Origin")
        .cacheControl(noStore)
        .build();
  }
}
