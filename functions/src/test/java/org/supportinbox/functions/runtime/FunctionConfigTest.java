package org.supportinbox.functions.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.Sender;

class FunctionConfigTest {

  private static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("AI_FUNCTION_SECRET", "0123456789abcdef0123456789abcdef");
    env.put("RABBITMQ_PASSWORD", "guest");
    return env;
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    FunctionConfig c = new FunctionConfig(minimal());
    assertThat(c.problems()).isEmpty();
    assertThat(c.queue).isEqualTo("ai.analyze");
    assertThat(c.exchange).isEqualTo("inbox.events");
    assertThat(c.retryDelays)
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30));
    assertThat(c.concurrency).isEqualTo(1);
    assertThat(c.httpPort).isEqualTo(8010);
    assertThat(c.bindAddress).isEqualTo("127.0.0.1");
    assertThat(c.ollamaUrl).isEqualTo("http://127.0.0.1:11434");
    assertThat(c.ollamaModel).isEqualTo("phi3:mini");
    assertThat(c.ollamaTimeout).isEqualTo(Duration.ofSeconds(120));
    assertThat(c.ollamaNumPredict).isEqualTo(512);
    assertThat(c.ollamaKeepAlive).isEqualTo("30m");
    assertThat(c.analysedSenders).containsExactly(Sender.CUSTOMER);
    assertThat(c.metricsToken).isNull();
    assertThat(c.aiProvider).isEqualTo("auto");
    assertThat(c.ollamaProbeInterval).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.embeddedDir).isNull();
    assertThat(c.llmMaxWait).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void theLlmBudgetTakesADurationAndZeroDisablesIt() {
    Map<String, String> env = minimal();
    env.put("AI_LLM_MAX_WAIT", "2s");
    assertThat(new FunctionConfig(env).llmMaxWait).isEqualTo(Duration.ofSeconds(2));
    for (String zero : List.of("0", "0s", "0ms")) {
      env.put("AI_LLM_MAX_WAIT", zero);
      FunctionConfig c = new FunctionConfig(env);
      assertThat(c.problems()).isEmpty();
      assertThat(c.llmMaxWait).isZero();
    }
    env.put("AI_LLM_MAX_WAIT", "-1s");
    assertThat(new FunctionConfig(env).problems())
        .containsExactly("AI_LLM_MAX_WAIT: '-1s' must be 0 or positive");
    env.put("AI_LLM_MAX_WAIT", "soon");
    assertThat(new FunctionConfig(env).problems())
        .containsExactly(
            "AI_LLM_MAX_WAIT: 'soon' is not a duration (e.g. 500ms, 2s, 5m, or seconds)");
  }

  @Test
  void aClusterIsGivenAsAnAddressListThatReplacesHostAndPort() {
    Map<String, String> env = minimal();
    assertThat(new FunctionConfig(env).rabbitAddresses)
        .containsExactly(new com.rabbitmq.client.Address("localhost", 5672));
    env.put("RABBITMQ_HOST", "elsewhere");
    env.put("RABBITMQ_ADDRESSES", "a:5673, b:5674,c");
    FunctionConfig c = new FunctionConfig(env);
    assertThat(c.problems()).isEmpty();
    assertThat(c.rabbitAddresses)
        .containsExactly(
            new com.rabbitmq.client.Address("a", 5673),
            new com.rabbitmq.client.Address("b", 5674),
            new com.rabbitmq.client.Address("c", 5672));
    assertThat(c.rabbitAddressText()).isEqualTo("a:5673,b:5674,c:5672");
    env.put("RABBITMQ_ADDRESSES", "a:5673,,b:port");
    assertThat(new FunctionConfig(env).problems())
        .containsExactly(
            "RABBITMQ_ADDRESSES entry '' is not host:port",
            "RABBITMQ_ADDRESSES entry 'b:port' is not host:port");
  }

  @Test
  void theFunctionsKeyIsTheirOwnNotJwtSecret() {
    // JWT_SECRET signs every token of the system: a function neither needs nor reads it.
    Map<String, String> env = minimal();
    env.remove("AI_FUNCTION_SECRET");
    env.put("JWT_SECRET", "0123456789abcdef0123456789abcdef");
    assertThat(new FunctionConfig(env).problems()).containsExactly("AI_FUNCTION_SECRET is not set");
  }

  @Test
  void providerSettingsAreChecked() {
    Map<String, String> env = minimal();
    env.put("AI_PROVIDER", "gpt");
    env.put("AI_EMBEDDED_DIR", "/no/such/dir");
    env.put("OLLAMA_PROBE_INTERVAL", "0s");
    assertThat(new FunctionConfig(env).problems())
        .containsExactlyInAnyOrder(
            "AI_PROVIDER must be one of [auto, ollama, embedded], not 'gpt'",
            "AI_EMBEDDED_DIR '/no/such/dir' is not a directory",
            "OLLAMA_PROBE_INTERVAL: '0s' must be positive");
    env.put("AI_PROVIDER", " Embedded ");
    env.remove("AI_EMBEDDED_DIR");
    env.remove("OLLAMA_PROBE_INTERVAL");
    assertThat(new FunctionConfig(env).aiProvider).isEqualTo("embedded");
  }

  @Test
  void secretsHaveNoDefault() {
    FunctionConfig c = new FunctionConfig(Map.of());
    assertThat(c.problems())
        .contains("AI_FUNCTION_SECRET is not set", "RABBITMQ_PASSWORD is not set");
  }

  @Test
  void badValuesAreNamed() {
    Map<String, String> env = minimal();
    env.put("AI_FUNCTION_SECRET", "short");
    env.put("AI_CONCURRENCY", "0");
    env.put("AI_RETRY_DELAYS", "2s,soon");
    env.put("OLLAMA_TIMEOUT", "-5s");
    env.put("AI_ANALYZE_SENDERS", "customer,bot");
    env.put("METRICS_TOKEN", "abc");
    List<String> problems = new FunctionConfig(env).problems();
    assertThat(problems)
        .contains(
            "AI_FUNCTION_SECRET is shorter than 32 bytes",
            "AI_CONCURRENCY must be a whole number 1..64, not '0'",
            "AI_RETRY_DELAYS: 'soon' is not a duration (e.g. 500ms, 2s, 5m, or seconds)",
            "OLLAMA_TIMEOUT: '-5s' must be positive",
            "AI_ANALYZE_SENDERS has 'bot'; allowed: customer|operator",
            "METRICS_TOKEN must be at least 16 characters");
  }

  @Test
  void durationsTakeUnits() {
    assertThat(FunctionConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(FunctionConfig.parseDuration("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(FunctionConfig.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(FunctionConfig.parseDuration("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(FunctionConfig.parseDuration("0ms", true)).isZero();
  }
}
