package org.supportinbox.testing;

import static io.restassured.RestAssured.given;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A service's OpenAPI document ({@code GET /openapi} as JSON) and what every one of ours must say:
 * a real title and version, the bearer scheme, request bodies and error answers that name schemas,
 * and schemas in the wire's snake_case.
 */
public final class OpenApiDocument {

  private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][A-Z]");
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "patch", "head", "options");

  public final JsonObject json;

  private OpenApiDocument(JsonObject json) {
    this.json = json;
  }

  /** The document of the service at {@code baseUrl}, fetched without a token. */
  public static OpenApiDocument of(String baseUrl) {
    String text =
        given()
            .baseUri(baseUrl)
            .accept("application/json")
            .get("/openapi")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    saveForReading(baseUrl, text);
    return new OpenApiDocument(Json.createReader(new StringReader(text)).readObject());
  }

  /** Keeps the document beside the servers' logs, for a reader of a failed test. */
  private static void saveForReading(String baseUrl, String text) {
    try {
      java.nio.file.Path logs =
          java.nio.file.Path.of(System.getProperty("inbox.logs", "target/it-logs"));
      java.nio.file.Files.createDirectories(logs);
      java.nio.file.Files.writeString(
          logs.resolve("openapi-" + java.net.URI.create(baseUrl).getPort() + ".json"), text);
    } catch (java.io.IOException e) {
      // Only a convenience: the test reads the document from memory.
      System.err.println("could not keep the OpenAPI document: " + e);
    }
  }

  /** An operation, e.g. {@code operation("post", "/messages")}; null when there is none. */
  public JsonObject operation(String method, String path) {
    JsonObject paths = json.getJsonObject("paths");
    JsonObject item = paths == null ? null : paths.getJsonObject(path);
    return item == null ? null : item.getJsonObject(method);
  }

  /** The {@code $ref} of an operation's JSON request body, or null. */
  public String requestBodyRef(String method, String path) {
    JsonObject op = operation(method, path);
    if (op == null || !op.containsKey("requestBody")) {
      return null;
    }
    return op.getJsonObject("requestBody")
        .getJsonObject("content")
        .getJsonObject("application/json")
        .getJsonObject("schema")
        .getString("$ref", null);
  }

  /**
   * Whether an operation overrides the document's bearer with no requirement: {@code security: []}
   * or only empty requirements ({@code [{}]}, anonymous allowed).
   */
  public boolean needsNoToken(String method, String path) {
    JsonObject op = operation(method, path);
    return op != null
        && op.containsKey("security")
        && op.getJsonArray("security").stream()
            .allMatch(
                r -> r.getValueType() == JsonValue.ValueType.OBJECT && r.asJsonObject().isEmpty());
  }

  /** A component schema by name. */
  public JsonObject schema(String name) {
    return json.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
  }

  /** What breaks the rules every service's document keeps, one line each; empty when none. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    JsonObject info = json.getJsonObject("info");
    if (info == null || !info.getString("title", "").startsWith("Support Inbox ")) {
      problems.add("info.title is not the service's: " + info);
    }
    if (info == null || info.getString("version", "").isBlank()) {
      problems.add("info.version is missing");
    }
    JsonObject components = json.getJsonObject("components");
    JsonObject bearer =
        components == null || components.getJsonObject("securitySchemes") == null
            ? null
            : components.getJsonObject("securitySchemes").getJsonObject("bearer");
    if (bearer == null
        || !"http".equals(bearer.getString("type", ""))
        || !"bearer".equals(bearer.getString("scheme", ""))) {
      problems.add("no http bearer security scheme named 'bearer': " + bearer);
    }
    JsonObject schemas = components == null ? null : components.getJsonObject("schemas");
    if (schemas == null || !schemas.containsKey("ErrorBody")) {
      problems.add("no ErrorBody schema");
    } else {
      for (Map.Entry<String, JsonValue> s : schemas.entrySet()) {
        JsonObject properties = s.getValue().asJsonObject().getJsonObject("properties");
        if (properties != null) {
          for (String p : properties.keySet()) {
            if (CAMEL_CASE.matcher(p).find()) {
              problems.add("schema " + s.getKey() + " has a property not in snake_case: " + p);
            }
          }
        }
      }
    }
    JsonObject paths = json.getJsonObject("paths");
    if (paths == null || paths.isEmpty()) {
      problems.add("no paths");
      return problems;
    }
    for (Map.Entry<String, JsonValue> path : paths.entrySet()) {
      if (path.getKey().startsWith("/health") || path.getKey().startsWith("/openapi")) {
        continue;
      }
      for (String method : METHODS) {
        JsonObject op = path.getValue().asJsonObject().getJsonObject(method);
        if (op == null) {
          continue;
        }
        String name = method.toUpperCase() + " " + path.getKey();
        JsonObject responses = op.getJsonObject("responses");
        if (responses == null || responses.keySet().stream().noneMatch(c -> c.startsWith("2"))) {
          problems.add(name + " documents no success answer");
        }
        if (responses == null || responses.keySet().stream().noneMatch(c -> c.startsWith("4"))) {
          problems.add(name + " documents no error answer");
        }
        boolean open = needsNoToken(method, path.getKey());
        if (!open && (responses == null || !responses.containsKey("401"))) {
          problems.add(name + " needs a token but documents no 401");
        }
        if (("post".equals(method) || "patch".equals(method) || "put".equals(method))
            && !name.endsWith("/reanalyze")
            && !name.endsWith("/logout")
            && !name.endsWith("/customer/token")
            && !op.containsKey("requestBody")) {
          problems.add(name + " documents no request body");
        }
      }
    }
    return problems;
  }
}
