package org.supportinbox.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The script's side of the AI benchmark (bench/ai.sh), which owns every process of the run and so
 * starts and stops the AI function replicas when the load generator asks. One request a line on
 * stdout, one answer a line on stdin:
 *
 * <ul>
 *   <li>{@code pid P}: the load generator's own pid, so that the script can stop it on any exit (no
 *       answer);
 *   <li>{@code replicas N L}: stop the replicas that run, make sure an Ollama double answering
 *       after L ms runs, start N replicas against it and wait for each one's {@code /health}; the
 *       answer is {@code ready D P1 ... PN}, the double's pid and the replicas';
 *   <li>{@code stop}: stop the replicas that run; the answer is {@code stopped}.
 * </ul>
 *
 * <p>Other lines on stdout (the report, printed at the end) are not requests; the script ignores
 * them. If the script fails it stops this process, or stdin ends.
 */
final class ReplicaControl {

  /** Replicas ready: the pids of the double they ask and of each replica, in start order. */
  record Replicas(long doublePid, List<Long> pids) {}

  private final PrintStream requests;
  private final BufferedReader answers =
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

  ReplicaControl(PrintStream requests) {
    this.requests = requests;
    request("pid " + ProcessHandle.current().pid());
  }

  /** Exactly {@code n} fresh replicas asking a model that answers after {@code latencyMillis}. */
  Replicas replicas(int n, int latencyMillis) throws IOException {
    request("replicas " + n + " " + latencyMillis);
    String line = answer("ready");
    String[] fields = line.split(" ");
    if (fields.length != n + 2) {
      throw new IllegalStateException("asked for " + n + " replicas, the script answered " + line);
    }
    List<Long> pids = new ArrayList<>();
    for (int i = 2; i < fields.length; i++) {
      pids.add(Long.parseLong(fields[i]));
    }
    return new Replicas(Long.parseLong(fields[1]), List.copyOf(pids));
  }

  /** Stops every replica. */
  void stop() throws IOException {
    request("stop");
    answer("stopped");
  }

  private void request(String line) {
    requests.println(line);
    requests.flush();
  }

  private String answer(String expected) throws IOException {
    String line = answers.readLine();
    if (line == null) {
      throw new IllegalStateException("the script ended without answering (see its messages)");
    }
    if (!line.equals(expected) && !line.startsWith(expected + " ")) {
      throw new IllegalStateException("the script answered '" + line + "', not " + expected);
    }
    return line;
  }
}
