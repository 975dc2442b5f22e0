package org.supportinbox.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.supportinbox.contracts.rest.CustomerMessage;

/**
 * HTTP load of one kind of request, closed loop or open loop at a fixed rate, with the latency of
 * the {@code 201} answers in HdrHistogram. A subclass says which request comes next and may look at
 * each {@code 201} ({@link #created}).
 */
abstract class HttpLoad {

  /** Latencies are recorded in microseconds up to this; anything slower is clamped to it. */
  static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(1);

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Open-loop requests outstanding at most; beyond it the schedule waits (and that wait counts).
   */
  static final int MAX_IN_FLIGHT = 512;

  /** Upper bound on requests of a closed-loop phase, per second of it: a loop bound, not a goal. */
  static final long MAX_REQUESTS_PER_SECOND = 100_000;

  private static final int ERROR_SAMPLES = 5;

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  final HttpClient client;

  /** Tags this run's {@code client_message_id}s. */
  private final String runId;

  private final AtomicLong sequence = new AtomicLong();

  /** Where each 201's latency also goes, by when it came, while set ({@link #timeline}). */
  private volatile Timeline timeline;

  private volatile String timelineSeries;

  HttpLoad(String runId) {
    this.runId = runId;
    // HTTP/1.1 explicitly: the default (HTTP/2) would try an h2c upgrade on every new connection.
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** From now on, each 201's latency is also recorded in {@code series} of {@code t}; null: not. */
  void timeline(Timeline t, String series) {
    this.timelineSeries = series;
    this.timeline = t;
  }

  /** The next request to send; called from several threads. */
  abstract HttpRequest nextRequest();

  /**
   * The next customer message: a realistic text and an id unique in the run (so no request is an
   * idempotent replay).
   */
  CustomerMessage nextMessage() {
    long n = sequence.incrementAndGet();
    return new CustomerMessage(
        "Hello, order " + n + " has not arrived yet. Could you check the delivery status, please?",
        "bench-" + runId + "-" + n);
  }

  /** A JSON {@code POST}, with {@code Authorization} unless it is null. */
  static HttpRequest post(URI uri, String authorization, String json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b.build();
  }

  /** Whether {@link #created} needs the body of the {@code 201} answers (else it is dropped). */
  boolean readsCreatedBody() {
    return false;
  }

  /**
   * Called with every {@code 201}, before its latency is recorded; {@code startNanos} ({@link
   * System#nanoTime()}) is when its latency counts from. An exception makes the request an error.
   */
  void created(HttpResponse<String> response, long startNanos) {}

  /** Keeps the body only of answers that are not the expected 201, for error samples. */
  private HttpResponse.BodyHandler<String> body() {
    boolean keepCreated = readsCreatedBody();
    return info ->
        info.statusCode() == 201 && !keepCreated
            ? BodySubscribers.replacing("")
            : BodySubscribers.ofString(StandardCharsets.UTF_8);
  }

  /**
   * What an answer means: a 201 is handed to {@link #created} and its latency recorded, anything
   * else is an error. Returns whether it was a (recorded) 201.
   */
  private boolean answered(
      HttpResponse<String> response, long startNanos, Histogram latency, Errors errors) {
    if (response.statusCode() != 201) {
      errors.status(response);
      return false;
    }
    long now = System.nanoTime();
    try {
      created(response, startNanos);
    } catch (RuntimeException e) {
      errors.exception(e);
      return false;
    }
    latency.recordValue(micros(now - startNanos));
    Timeline t = timeline;
    if (t != null) {
      t.record(timelineSeries, now, micros(now - startNanos));
    }
    return true;
  }

  /**
   * Closed loop: {@code workers} threads each send the next request as soon as the previous one is
   * answered, until {@code duration} has passed.
   */
  LoadResult closedLoop(String label, int workers, Duration duration) throws InterruptedException {
    Errors errors = new Errors();
    AtomicLong requests = new AtomicLong();
    AtomicLong answered = new AtomicLong();
    long maxRequests = Math.max(1, duration.toSeconds()) * MAX_REQUESTS_PER_SECOND;
    List<Histogram> histograms = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    Instant startWall = Instant.now();
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    for (int w = 0; w < workers; w++) {
      Histogram h = new Histogram(MAX_LATENCY_MICROS, 3);
      histograms.add(h);
      Thread t =
          new Thread(
              () -> {
                while (System.nanoTime() < deadline && requests.incrementAndGet() <= maxRequests) {
                  HttpRequest request = nextRequest();
                  long sent = System.nanoTime();
                  try {
                    if (answered(client.send(request, body()), sent, h, errors)) {
                      answered.incrementAndGet();
                    }
                  } catch (java.io.IOException e) {
                    errors.exception(e);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              },
              "bench-worker-" + w);
      threads.add(t);
      t.start();
    }
    reportProgress(label, start, deadline, answered);
    long joinBy = deadline + REQUEST_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(5);
    for (Thread t : threads) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinBy - System.nanoTime())));
      if (t.isAlive()) {
        throw new IllegalStateException(t.getName() + " did not finish; is the service hanging?");
      }
    }
    Histogram all = new Histogram(MAX_LATENCY_MICROS, 3);
    histograms.forEach(all::add);
    return result(label, startWall, start, all, errors);
  }

  /**
   * Open loop at a fixed rate: request {@code i} is due at {@code start + i / rate} whatever
   * happened to earlier ones, and its latency is measured from that due time, not from when it
   * could actually be sent, so a stalled service is charged for the requests it delayed
   * (coordinated omission, as in wrk2).
   */
  LoadResult fixedRate(String label, int rate, Duration duration) throws InterruptedException {
    return fixedRate(label, rate, rate * duration.toSeconds());
  }

  /**
   * {@code count} requests open loop at {@code rate}, as {@link #fixedRate(String, int, Duration)}.
   */
  LoadResult fixedRate(String label, int rate, long count) throws InterruptedException {
    Errors errors = new Errors();
    ConcurrentHistogram latency = new ConcurrentHistogram(MAX_LATENCY_MICROS, 3);
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    Instant startWall = Instant.now();
    long start = System.nanoTime();
    for (long i = 0; i < count; i++) {
      long due = start + Math.round(i * 1e9 / rate);
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      if (!inFlight.tryAcquire(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        errors.message(MAX_IN_FLIGHT + " requests in flight for " + REQUEST_TIMEOUT);
        continue;
      }
      client
          .sendAsync(nextRequest(), body())
          .whenComplete(
              (response, failure) -> {
                try {
                  if (failure != null) {
                    errors.exception(failure);
                  } else {
                    answered(response, due, latency, errors);
                  }
                } finally {
                  inFlight.release();
                }
              });
    }
    long drainMillis = REQUEST_TIMEOUT.toMillis() + 5_000;
    if (inFlight.tryAcquire(MAX_IN_FLIGHT, drainMillis, TimeUnit.MILLISECONDS)) {
      inFlight.release(MAX_IN_FLIGHT);
    } else {
      // An overloaded machine can delay even the client's own timeouts: what is still out counts
      // as failed, and its answer, if it ever comes, is not counted.
      long unanswered = MAX_IN_FLIGHT - inFlight.availablePermits();
      for (long i = 0; i < unanswered; i++) {
        errors.message("unanswered " + drainMillis + " ms after the last request was sent");
      }
    }
    return result(label, startWall, start, latency.copy(), errors);
  }

  private static LoadResult result(
      String label, Instant startWall, long start, Histogram latency, Errors errors) {
    long elapsed = System.nanoTime() - start;
    return new LoadResult(
        label,
        startWall,
        Instant.now(),
        elapsed,
        latency.getTotalCount() + errors.count(),
        errors.count(),
        latency,
        errors.samples());
  }

  /**
   * Prints the 201s per second of every {@link #PROGRESS_EVERY} until {@code deadline}, so a
   * warm-up that is too short to reach a steady rate shows as a rate still climbing.
   */
  private static void reportProgress(String label, long start, long deadline, AtomicLong answered)
      throws InterruptedException {
    long last = 0;
    for (long next = start + PROGRESS_EVERY.toNanos();
        next < deadline;
        next += PROGRESS_EVERY.toNanos()) {
      TimeUnit.NANOSECONDS.sleep(next - System.nanoTime());
      long now = answered.get();
      System.err.printf(
          Locale.ROOT,
          "    %s %3d s: %.0f/s%n",
          label,
          TimeUnit.NANOSECONDS.toSeconds(next - start),
          (now - last) / (double) PROGRESS_EVERY.toSeconds());
      last = now;
    }
  }

  static long micros(long nanos) {
    return Math.min(MAX_LATENCY_MICROS, Math.max(1, nanos / 1_000));
  }

  /** Non-201 answers and failures: counted, the first few kept to say what went wrong. */
  private static final class Errors {
    private final AtomicLong count = new AtomicLong();
    private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();

    void status(HttpResponse<String> response) {
      String body = response.body() == null ? "" : response.body();
      message(
          "HTTP " + response.statusCode() + " " + body.substring(0, Math.min(200, body.length())));
    }

    void exception(Throwable t) {
      message(t.getClass().getSimpleName() + ": " + t.getMessage());
    }

    void message(String text) {
      if (count.incrementAndGet() <= ERROR_SAMPLES) {
        samples.add(text);
      }
    }

    long count() {
      return count.get();
    }

    List<String> samples() {
      return List.copyOf(samples);
    }
  }
}
