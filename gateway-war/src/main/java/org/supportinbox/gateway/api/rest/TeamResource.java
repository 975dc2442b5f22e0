package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.TeamMember;
import org.supportinbox.gateway.application.Team;
import org.supportinbox.platform.Allowed;

/** The active operators, for every operator: whom to assign a conversation to. */
@Path("team")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Roles.OPERATOR, Roles.ADMIN})
public class TeamResource {

  @Inject Team team;

  @Operation(
      summary = "The active operators, by user name",
      description = "User name and display name only; disabled accounts are left out.")
  @APIResponse(
      responseCode = "200",
      description = "the team",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(type = SchemaType.ARRAY, implementation = TeamMember.class)))
  @GET
  public List<TeamMember> members() {
    return team.members();
  }
}
