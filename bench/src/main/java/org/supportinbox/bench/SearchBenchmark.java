package org.supportinbox.bench;

import static org.supportinbox.bench.Options.log;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.supportinbox.testing.Tokens;

/**
 * Search benchmark of a running messaging service over a seeded database (bench/search.sh seeds it
 * with bench/search-seed.sql and calls this). For each kind of query (a word in most messages, in
 * about 1 %, in a few dozen; two and three words; a phrase; with each filter), sends {@code
 * --queries} searches one after the other, each with another word of the kind's frequency band
 * drawn from {@code bench_vocab}, after {@code --warmup} unmeasured ones, and reports the latency
 * of {@code GET /search} as the client sees it (HTTP, the query, {@code ts_headline} and JSON) with
 * p50, p90, p99 and max, plus how many messages the kind's words match, for scale.
 *
 * <p>Options: {@code --url}, {@code --jdbc-url}, {@code --db-user} (required), {@code --queries}
 * (200), {@code --warmup} (50), {@code --seed-seconds} (shown in the report), {@code --report}.
 * Secrets from the environment: {@code JWT_SECRET}, {@code POSTGRES_PASSWORD}.
 */
public final class SearchBenchmark {

  /** The issue's target for every kind; recorded against the figures, never asserted. */
  static final double TARGET_P99_MILLIS = 50;

  private SearchBenchmark() {}

  /** Words of one frequency band: ranks [from, to] of bench_vocab (1 is the most frequent). */
  record Band(String name, int from, int to) {}

  static final Band COMMON = new Band("common", 1, 5);
  static final Band MEDIUM = new Band("medium", 60, 200);
  static final Band RARE = new Band("rare", 20_000, 50_000);

  /** A kind of query: a name, and the query parameters from a source of words. */
  record Kind(String name, Function<Words, Map<String, String>> parameters) {}

  /** Draws words of a band (seeded, so two runs ask the same). */
  static final class Words {
    private final Map<Band, List<String>> bands;
    private final Random random = new Random(42);

    Words(Map<Band, List<String>> bands) {
      this.bands = bands;
    }

    String of(Band band) {
      List<String> words = bands.get(band);
      return words.get(random.nextInt(words.size()));
    }

    int pick(int n) {
      return random.nextInt(n);
    }
  }

  static List<Kind> kinds() {
    String lastMonth = LocalDate.now(ZoneOffset.UTC).minusDays(30).toString();
    List<Kind> kinds = new ArrayList<>();
    kinds.add(new Kind("1 common word", w -> q(w.of(COMMON))));
    kinds.add(new Kind("1 medium word", w -> q(w.of(MEDIUM))));
    kinds.add(new Kind("1 rare word", w -> q(w.of(RARE))));
    kinds.add(new Kind("2 common words", w -> q(w.of(COMMON) + " " + w.of(COMMON))));
    kinds.add(new Kind("2 medium words", w -> q(w.of(MEDIUM) + " " + w.of(MEDIUM))));
    kinds.add(new Kind("common + rare", w -> q(w.of(COMMON) + " " + w.of(RARE))));
    kinds.add(
        new Kind(
            "3 words (common, medium, medium)",
            w -> q(w.of(COMMON) + " " + w.of(MEDIUM) + " " + w.of(MEDIUM))));
    kinds.add(new Kind("phrase \"my order\"", w -> q("\"my order\"")));
    kinds.add(new Kind("common, status=open", w -> with(q(w.of(COMMON)), "status", "open")));
    kinds.add(
        new Kind("medium, status=resolved", w -> with(q(w.of(MEDIUM)), "status", "resolved")));
    kinds.add(
        new Kind(
            "medium, assignee", w -> with(q(w.of(MEDIUM)), "assignee", "operator" + w.pick(20))));
    kinds.add(new Kind("rare, intent=refund", w -> with(q(w.of(RARE)), "intent", "refund")));
    kinds.add(new Kind("medium, last 30 days", w -> with(q(w.of(MEDIUM)), "from", lastMonth)));
    kinds.add(
        new Kind(
            "common, urgency=high, last 30 days",
            w -> with(with(q(w.of(COMMON)), "urgency", "high"), "from", lastMonth)));
    kinds.add(new Kind("customer name", w -> q("Customer" + (1 + w.pick(1000)))));
    return kinds;
  }

  private static Map<String, String> q(String text) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("q", text);
    return p;
  }

  private static Map<String, String> with(Map<String, String> p, String name, String value) {
    p.put(name, value);
    return p;
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    URI url = URI.create(o.required("url"));
    int queries = o.integer("queries", 200);
    int warmup = o.integer("warmup", 50);
    Options.positive("queries", queries);
    String secret = System.getenv("JWT_SECRET");
    if (secret == null || secret.isEmpty()) {
      throw new IllegalStateException("JWT_SECRET (the service's) is not set");
    }
    String token =
        Tokens.sign(
            secret, Tokens.ISSUER, "bench", Set.of("service"), Instant.now(), Duration.ofHours(6));
    String password = System.getenv().getOrDefault("POSTGRES_PASSWORD", "");

    Map<Band, List<String>> bands = new LinkedHashMap<>();
    Map<Band, String> matches = new LinkedHashMap<>();
    long messages;
    try (Connection db =
        DriverManager.getConnection(o.required("jdbc-url"), o.required("db-user"), password)) {
      for (Band band : List.of(COMMON, MEDIUM, RARE)) {
        bands.put(band, words(db, band));
        matches.put(band, matchRange(db, band));
      }
      messages = count(db, "select count(*) from messages");
    }
    log("words: " + matches);

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Words words = new Words(bands);
    StringBuilder report = new StringBuilder();
    report
        .append("- data: ")
        .append(messages)
        .append(" messages; seeded in ")
        .append(o.get("seed-seconds", "?"))
        .append(" s. Messages matched by one word: common ")
        .append(matches.get(COMMON))
        .append(", medium ")
        .append(matches.get(MEDIUM))
        .append(", rare ")
        .append(matches.get(RARE))
        .append("\n- ")
        .append(queries)
        .append(" searches per kind, one at a time, after ")
        .append(warmup)
        .append(" unmeasured ones of all kinds; each a new word of the band; limit 20\n\n");
    report.append(
        Markdown.table(
            "GET /search on messaging (target p99 <= " + (int) TARGET_P99_MILLIS + " ms)",
            1,
            List.of(
                "query",
                "searches",
                "errors",
                "hits per page (mean)",
                "p50 (ms)",
                "p90",
                "p99",
                "max")));
    List<Kind> kinds = kinds();
    for (int i = 0; i < warmup; i++) {
      search(http, url, token, kinds.get(i % kinds.size()).parameters().apply(words));
    }
    boolean anySucceeded = false;
    for (Kind kind : kinds) {
      Histogram micros = new Histogram(60_000_000L, 3);
      long errors = 0;
      long hits = 0;
      for (int i = 0; i < queries; i++) {
        Map<String, String> parameters = kind.parameters().apply(words);
        long start = System.nanoTime();
        HttpResponse<String> answer = search(http, url, token, parameters);
        long took = (System.nanoTime() - start) / 1000;
        if (answer.statusCode() != 200) {
          errors++;
          if (errors == 1) {
            log(kind.name() + ": " + answer.statusCode() + " " + answer.body());
          }
          continue;
        }
        micros.recordValue(Math.max(1, took));
        hits += countResults(answer.body());
      }
      anySucceeded |= errors < queries;
      List<String> row = new ArrayList<>();
      row.add(kind.name());
      row.add(Integer.toString(queries));
      row.add(Long.toString(errors));
      row.add(
          Markdown.f1(micros.getTotalCount() == 0 ? 0 : (double) hits / micros.getTotalCount()));
      row.addAll(Markdown.percentiles(micros));
      report.append(Markdown.row(row));
      log(
          kind.name()
              + ": p50 "
              + micros.getValueAtPercentile(50) / 1000.0
              + " ms, p99 "
              + micros.getValueAtPercentile(99) / 1000.0
              + " ms");
    }
    System.out.print(report);
    if (o.has("report")) {
      java.nio.file.Files.writeString(java.nio.file.Path.of(o.get("report", "")), report);
    }
    if (!anySucceeded) {
      log("no search succeeded: see the errors above");
      System.exit(1);
    }
  }

  private static HttpResponse<String> search(
      HttpClient http, URI url, String token, Map<String, String> parameters) throws Exception {
    String query =
        parameters.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(url.resolve("/search?" + query))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The number of hits in a page, counted without a JSON parser: one conversation_id each. */
  private static int countResults(String body) {
    int n = 0;
    for (int at = body.indexOf("\"conversation_id\"");
        at >= 0;
        at = body.indexOf("\"conversation_id\"", at + 1)) {
      n++;
    }
    return n;
  }

  private static List<String> words(Connection db, Band band) throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement(
            "select word from bench_vocab where rank between ? and ? order by rank")) {
      s.setInt(1, band.from());
      s.setInt(2, band.to());
      List<String> words = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          words.add(rs.getString(1));
        }
      }
      return words;
    }
  }

  /** How many messages the band's first and last word match, e.g. "12–340". */
  private static String matchRange(Connection db, Band band) throws SQLException {
    List<Long> counts = new ArrayList<>();
    for (int rank : new int[] {band.from(), band.to()}) {
      try (PreparedStatement s =
          db.prepareStatement(
              "select count(*) from messages where search_vector @@"
                  + " websearch_to_tsquery('simple', (select word from bench_vocab where rank = ?))")) {
        s.setInt(1, rank);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          counts.add(rs.getLong(1));
        }
      }
    }
    return counts.get(1) + "–" + counts.get(0);
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
