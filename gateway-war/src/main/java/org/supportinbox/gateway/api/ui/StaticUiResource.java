package org.supportinbox.gateway.api.ui;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.supportinbox.platform.Public;

/**
 * Serves static-ui/ at the root of the gateway, so UI, API and /ws share one origin. JAX-RS owns
 * every path of this WAR ({@code @ApplicationPath("/")}), so the container's default servlet never
 * sees a request; this resource takes its place for the file types a page needs. Paths are a
 * whitelist (no segment starts with a dot, known extensions only), so nothing outside the folder
 * and nothing but UI files can be asked for. Every answer is revalidated by ETag.
 */
@Path("")
public class StaticUiResource {

  private static final CacheControl REVALIDATE = CacheControl.valueOf("no-cache");

  @Inject StaticUiFiles files;

  @GET
  @Operation(hidden = true) // the UI's files, not part of the API
  @Public
  public Response index(@Context Request request) {
    return serve("index.html", request);
  }

  @GET
  @Operation(hidden = true) // the UI's files, not part of the API
  @Public
  @Path(
      "{file: (?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*"
          + "\\.(?:html|css|js|mjs|svg|png|ico|json|webmanifest|woff2)}")
  public Response file(@PathParam("file") String file, @Context Request request) {
    return serve(file, request);
  }

  private Response serve(String path, Request request) {
    StaticUiFiles.File file =
        files.get(path).orElseThrow(() -> new NotFoundException("no UI file /" + path));
    Response.ResponseBuilder notModified = request.evaluatePreconditions(file.etag());
    if (notModified != null) {
      return notModified.cacheControl(REVALIDATE).build();
    }
    return Response.ok(file.bytes(), file.mediaType())
        .tag(file.etag())
        .cacheControl(REVALIDATE)
        .build();
  }
}
