package org.supportinbox.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.supportinbox.contracts.events.AiCompleted;
import org.supportinbox.contracts.events.AiRequested;
import org.supportinbox.contracts.events.ArticleChanged;
import org.supportinbox.contracts.events.ConversationRead;
import org.supportinbox.contracts.events.ConversationUpdated;
import org.supportinbox.contracts.events.EmailDeliveryChanged;
import org.supportinbox.contracts.events.MessageCreated;

/**
 * docs/asyncapi.yaml describes each event as its contracts record writes it: the schema's
 * properties are the record's components in snake_case, all required, and every example payload has
 * exactly those fields. A field added to an event record fails here until the document has it.
 */
class AsyncApiTest {

  private static final List<Class<? extends Record>> EVENTS =
      List.of(
          MessageCreated.class,
          AiRequested.class,
          AiCompleted.class,
          ConversationUpdated.class,
          ConversationRead.class,
          ArticleChanged.class,
          EmailDeliveryChanged.class);

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void eachEventSchemaIsItsRecord(int index) throws IOException {
    Class<? extends Record> event = EVENTS.get(index);
    JsonNode doc = new YAMLMapper().readTree(Repo.read("docs/asyncapi.yaml"));
    String name = event.getSimpleName();
    JsonNode schema = doc.path("components").path("schemas").path(name);
    assertThat(schema.isMissingNode()).as("components.schemas." + name).isFalse();
    Set<String> wire = wireNames(event);
    assertThat(names(schema.path("properties"))).as(name + " properties").isEqualTo(wire);
    Set<String> required = new TreeSet<>();
    schema.path("required").forEach(n -> required.add(n.asText()));
    assertThat(required).as(name + " required").isEqualTo(wire);
    JsonNode examples = doc.path("components").path("messages").path(name).path("examples");
    assertThat(examples.size()).as(name + " examples").isPositive();
    for (JsonNode example : examples) {
      assertThat(names(example.path("payload")))
          .as(name + " example " + example.path("name").asText())
          .isEqualTo(wire);
    }
  }

  private static Set<String> wireNames(Class<? extends Record> record) {
    Set<String> names = new TreeSet<>();
    for (RecordComponent c : record.getRecordComponents()) {
      names.add(c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT));
    }
    return names;
  }

  private static Set<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return new TreeSet<>(Arrays.asList(names.toArray(String[]::new)));
  }
}
