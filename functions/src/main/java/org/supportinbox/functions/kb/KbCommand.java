package org.supportinbox.functions.kb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.supportinbox.contracts.rest.ArticleView;
import org.supportinbox.contracts.rest.Credentials;
import org.supportinbox.contracts.rest.LoginResult;
import org.supportinbox.functions.runtime.Json;

/**
 * {@code ./inbox kb import FILE.jsonl} and {@code ./inbox kb export}: the knowledge base as JSON
 * lines, through the gateway's {@code /kb/articles} as an operator, against a running system.
 *
 * <p>Import: one article per line, {@code {"id"?, "title", "body", "tags"?, "language"?}} (blank
 * lines are skipped). A line with an {@code id} is a {@code PUT /kb/articles/{id}}: created the
 * first time, replaced (or left as it is when nothing differs) the next, so importing a file twice
 * doubles nothing. A line without one is a {@code POST}: a new article each time. The gateway (and
 * behind it messaging) checks every value; its refusal is reported with the line number, and the
 * other lines are still imported. Exit 0 when every line was imported, 1 when any failed or the
 * gateway stopped answering (the lines after that are not tried), 2 for a usage or setting error or
 * a refused login.
 *
 * <p>Export: every article as one such line (with its {@code id}, so exporting and importing again
 * changes nothing), by title, on stdout. Pages of 100 by offset: an article created or renamed
 * during the export can be missed or written twice.
 *
 * <p>Settings, from the environment ({@code ./inbox} sets the defaults): {@code INBOX_URL} (the
 * gateway), and either {@code INBOX_TOKEN} (a token from {@code POST /login}, used as it is) or
 * {@code INBOX_USER} and {@code INBOX_PASSWORD} (an operator's login; the token is logged out at
 * the end).
 */
public final class KbCommand {

  static final String USAGE =
      "usage: ./inbox kb import FILE.jsonl   (one {id?, title, body, tags?, language?} per line)\n"
          + "       ./inbox kb export            (every article as one JSON line, on stdout)";

  /** Articles per export request: the most the API gives. */
  static final int PAGE = 100;

  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String url;
  private final PrintStream out;
  private final PrintStream err;
  private String token;

  private KbCommand(String url, PrintStream out, PrintStream err) {
    this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(run(args, System.getenv(), out, err));
  }

  /** What {@link #main} does, with the environment and streams given (for tests). */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    boolean importing = args.length == 2 && args[0].equals("import");
    boolean exporting = args.length == 1 && args[0].equals("export");
    if (!importing && !exporting) {
      err.println(USAGE);
      return 2;
    }
    String url = env.get("INBOX_URL");
    if (url == null || url.isBlank()) {
      err.println("kb: set INBOX_URL to the gateway's address, e.g. http://127.0.0.1:8000");
      return 2;
    }
    if (importing && !Files.isRegularFile(Path.of(args[1]))) {
      err.println("kb: no file " + args[1]);
      return 2;
    }
    KbCommand command = new KbCommand(url.strip(), out, err);
    try {
      int login = command.logIn(env);
      if (login != 0) {
        return login;
      }
      try {
        return importing ? command.importFile(Path.of(args[1])) : command.export();
      } finally {
        command.logOut(env);
      }
    } catch (IOException e) {
      err.println("kb: the gateway at " + url + " did not answer: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("kb: interrupted");
      return 1;
    }
  }

  // ---- import -----------------------------------------------------------------------------

  private int importFile(Path file) throws IOException, InterruptedException {
    int created = 0;
    int replaced = 0;
    int failed = 0;
    int number = 0;
    BufferedReader lines;
    try {
      lines = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      err.println("kb: no file " + file);
      return 2;
    }
    try (lines) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String result;
        try {
          result = importLine(line);
        } catch (IOException e) {
          out.println("line " + number + ": error: the gateway did not answer: " + e);
          err.println("kb: stopped at line " + number + "; the lines after it were not imported");
          summary(created, replaced, failed + 1);
          return 1;
        }
        if (result.startsWith("created")) {
          created++;
        } else if (result.startsWith("replaced")) {
          replaced++;
        } else {
          failed++;
        }
        out.println("line " + number + ": " + result);
      }
    } catch (java.nio.charset.MalformedInputException e) {
      out.println("line " + (number + 1) + ": error: not UTF-8 text; stopped here");
      summary(created, replaced, failed + 1);
      return 1;
    }
    summary(created, replaced, failed);
    return failed == 0 ? 0 : 1;
  }

  /** {@code created <id> "title"}, {@code replaced ...}, or {@code error: ...}. */
  private String importLine(String line) throws IOException, InterruptedException {
    JsonNode json;
    try {
      // One value per line: "{...} {...}" is an error, not its first object.
      json =
          Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(line);
    } catch (JsonProcessingException e) {
      return "error: not valid JSON: " + e.getOriginalMessage();
    }
    if (!(json instanceof ObjectNode article)) {
      return "error: not a JSON object";
    }
    JsonNode id = article.remove("id");
    HttpRequest.Builder request;
    String body = Json.MAPPER.writeValueAsString(article);
    if (id == null || id.isNull()) {
      request = call("/kb/articles").POST(HttpRequest.BodyPublishers.ofString(body));
    } else if (!id.isTextual() || !UUID_TEXT.matcher(id.asText()).matches()) {
      return "error: id must be a UUID, not " + id;
    } else {
      request = call("/kb/articles/" + id.asText()).PUT(HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> answer =
        http.send(
            request.header("Content-Type", "application/json").build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (answer.statusCode() == 200 || answer.statusCode() == 201) {
      ArticleView stored = Json.MAPPER.readValue(answer.body(), ArticleView.class);
      return (answer.statusCode() == 201 ? "created " : "replaced ")
          + stored.id()
          + " \""
          + stored.title()
          + "\" (version "
          + stored.version()
          + ")";
    }
    return "error: " + refusal(answer);
  }

  private void summary(int created, int replaced, int failed) {
    err.println(
        "kb: "
            + created
            + " created, "
            + replaced
            + " replaced or unchanged, "
            + failed
            + " failed");
  }

  // ---- export -----------------------------------------------------------------------------

  private int export() throws IOException, InterruptedException {
    int count = 0;
    for (int offset = 0; ; offset += PAGE) {
      HttpResponse<String> answer =
          http.send(
              call("/kb/articles?limit=" + PAGE + "&offset=" + offset).GET().build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (answer.statusCode() != 200) {
        err.println("kb: the export stopped after " + count + " articles: " + refusal(answer));
        return 1;
      }
      ArticleView[] page = Json.MAPPER.readValue(answer.body(), ArticleView[].class);
      for (ArticleView a : page) {
        out.println(Json.MAPPER.writeValueAsString(new Line(a)));
      }
      count += page.length;
      if (page.length < PAGE) {
        err.println("kb: " + count + " articles exported");
        return 0;
      }
    }
  }

  /** An exported article: the import's fields, the id first. */
  record Line(UUID id, String title, String body, java.util.List<String> tags, String language) {
    Line(ArticleView a) {
      this(a.id(), a.title(), a.body(), a.tags(), a.language());
    }
  }

  // ---- the gateway --------------------------------------------------------------------------

  /** 0 with a token, 2 when there is none to be had (the reason on stderr). */
  private int logIn(Map<String, String> env) throws IOException, InterruptedException {
    String given = env.get("INBOX_TOKEN");
    if (given != null && !given.isBlank()) {
      token = given.strip();
      return 0;
    }
    String user = env.get("INBOX_USER");
    String password = env.get("INBOX_PASSWORD");
    if (user == null || user.isBlank() || password == null || password.isEmpty()) {
      err.println("kb: set INBOX_TOKEN, or INBOX_USER and INBOX_PASSWORD (an operator's login)");
      return 2;
    }
    String credentials = Json.MAPPER.writeValueAsString(new Credentials(user.strip(), password));
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/login"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (answer.statusCode() != 200) {
      err.println("kb: the login as " + user.strip() + " was refused: " + refusal(answer));
      return 2;
    }
    token = Json.MAPPER.readValue(answer.body(), LoginResult.class).accessToken();
    return 0;
  }

  /** Ends the session this command logged in for; a given token is the caller's to keep. */
  private void logOut(Map<String, String> env) throws IOException, InterruptedException {
    String given = env.get("INBOX_TOKEN");
    if (token == null || (given != null && !given.isBlank())) {
      return;
    }
    HttpResponse<String> answer =
        http.send(
            call("/logout").POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (answer.statusCode() != 204) {
      err.println("kb: the logout was refused: " + refusal(answer));
    }
  }

  private HttpRequest.Builder call(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(url + pathAndQuery))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  /** "400 title: title must be at most 200 characters", from the error body when it has one. */
  private static String refusal(HttpResponse<String> answer) {
    String text = answer.statusCode() + "";
    try {
      JsonNode error = Json.MAPPER.readTree(answer.body());
      if (error != null && error.hasNonNull("detail")) {
        String field = error.path("field").asText("");
        return text
            + (field.isEmpty() ? "" : " " + field + ":")
            + " "
            + error.get("detail").asText();
      }
    } catch (JsonProcessingException e) {
      // not the API's JSON (a proxy's page, say): the status alone says it
    }
    return text;
  }
}
