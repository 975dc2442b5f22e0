package org.supportinbox.platform.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.supportinbox.contracts.rest.ErrorBody;

/**
 * The last pass over a service's generated OpenAPI document (MicroProfile OpenAPI's filter; each
 * WAR subclasses it and names it in {@code mp.openapi.filter}): a real title and version, the
 * bearer scheme every operation needs unless it says otherwise, the error answers operations refer
 * to ({@link #ERRORS}) and those each operation has by its shape (token, id, body), and the schemas
 * of contracts' records as the wire has them ({@link RecordSchemas}), replacing whatever the server
 * made of those classes on its own (it does not know the wire's snake_case).
 */
public abstract class WireOpenApi implements OASFilter {

  /** The security scheme's name, for {@code @SecurityRequirement(name = ...)}. */
  public static final String BEARER = "bearer";

  /** Error answers by name, each a JSON {@link ErrorBody}, for {@code @APIResponse(ref = ...)}. */
  public static final Map<String, String> ERRORS = errors();

  /** The document's title. */
  protected abstract String title();

  /** What the service does, in a sentence or two. */
  protected abstract String description();

  /** The records whose schemas the document's operations refer to. */
  protected abstract List<Class<? extends Record>> records();

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    openAPI.info(
        OASFactory.createInfo()
            .title(title())
            .version(
                WireOpenApi.class.getPackage().getImplementationVersion() == null
                    ? "0.1.0"
                    : WireOpenApi.class.getPackage().getImplementationVersion())
            .description(description()));
    Components components = openAPI.getComponents();
    if (components == null) {
      components = OASFactory.createComponents();
      openAPI.components(components);
    }
    components.addSecurityScheme(
        BEARER,
        OASFactory.createSecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .bearerFormat("JWT")
            .description("A token from the gateway's POST /login (or a customer token)."));
    if (openAPI.getSecurity() == null || openAPI.getSecurity().isEmpty()) {
      openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER));
    }
    List<Class<? extends Record>> all = new java.util.ArrayList<>(records());
    all.add(ErrorBody.class);
    Map<String, Schema> schemas = new LinkedHashMap<>();
    if (components.getSchemas() != null) {
      schemas.putAll(components.getSchemas());
    }
    schemas.putAll(RecordSchemas.of(all));
    components.setSchemas(schemas);
    for (Map.Entry<String, String> error : ERRORS.entrySet()) {
      components.addResponse(error.getKey(), errorResponse(error.getValue()));
    }
  }

  @Override
  public Operation filterOperation(Operation operation) {
    addImpliedErrors(operation);
    return operation;
  }

  /**
   * The error answers an operation has by its shape, so that a resource method names only its own
   * (409, 429, 503, ...): 401 and 403 unless it needs no token
   * ({@code @SecurityRequirementsSet({})}, written {@code security: [{}]}); 400 and 404 with a path
   * parameter (an id); 400, 413 and 415 with a request body.
   */
  private static void addImpliedErrors(Operation operation) {
    boolean pathParameters =
        operation.getParameters() != null
            && operation.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.responses(responses);
    }
    // @SecurityRequirementsSet({}) comes out as one empty requirement ([{}]: anonymous allowed); an
    // operation without it has none of its own ([], not written), so the document's bearer applies.
    boolean open =
        operation.getSecurity() != null
            && !operation.getSecurity().isEmpty()
            && operation.getSecurity().stream()
                .allMatch(r -> r.getSchemes() == null || r.getSchemes().isEmpty());
    if (!open) {
      imply(responses, "401", "Unauthorized");
      imply(responses, "403", "Forbidden");
    }
    if (pathParameters) {
      imply(responses, "400", "BadRequest");
      imply(responses, "404", "NotFound");
    }
    if (operation.getRequestBody() != null) {
      operation.getRequestBody().setRequired(true); // every body the services document is required
      imply(responses, "400", "BadRequest");
      imply(responses, "413", "TooLarge");
      imply(responses, "415", "UnsupportedMediaType");
    }
  }

  private static void imply(APIResponses responses, String code, String error) {
    if (!responses.hasAPIResponse(code)) {
      responses.addAPIResponse(code, OASFactory.createAPIResponse().ref(error));
    }
  }

  private static APIResponse errorResponse(String description) {
    return OASFactory.createAPIResponse()
        .description(description)
        .content(
            OASFactory.createContent()
                .addMediaType(
                    "application/json",
                    OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(ErrorBody.class.getSimpleName()))));
  }

  private static Map<String, String> errors() {
    Map<String, String> errors = new LinkedHashMap<>();
    errors.put("BadRequest", "400: the body or a parameter breaks a rule; field names it");
    errors.put("Unauthorized", "401: no valid bearer token");
    errors.put("Forbidden", "403: the token has none of the roles this needs");
    errors.put("NotFound", "404: the id names nothing");
    errors.put("Conflict", "409: the change conflicts with what is stored");
    errors.put("TooLarge", "413: the body is larger than MAX_REQUEST_BYTES");
    errors.put("UnsupportedMediaType", "415: the body is not application/json");
    errors.put(
        "TooManyRequests", "429: a rate limit or lock-out; Retry-After says when to try again");
    errors.put("Unavailable", "503: a service this needs does not answer; try again shortly");
    return java.util.Collections.unmodifiableMap(errors);
  }
}
