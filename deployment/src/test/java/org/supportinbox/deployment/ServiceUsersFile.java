package org.supportinbox.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deployment/rabbitmq/service-users.conf as the tests need it: its lines split into fields, and its
 * users with their password variables. service-users.sh is what applies it; this reads it only to
 * compare it with compose.yaml and the sources.
 */
record ServiceUsersFile(List<List<String>> lines) {

  static final String FILE = "deployment/rabbitmq/service-users.conf";

  static ServiceUsersFile load() {
    List<List<String>> lines = new ArrayList<>();
    for (String line : Repo.read(FILE).split("\n")) {
      String stripped = line.strip();
      if (!stripped.isEmpty() && !stripped.startsWith("#")) {
        lines.add(List.of(stripped.split("\\s+")));
      }
    }
    return new ServiceUsersFile(List.copyOf(lines));
  }

  /** User name to the variable with its password, in the file's order. */
  Map<String, String> users() {
    Map<String, String> users = new LinkedHashMap<>();
    for (List<String> fields : lines) {
      if (fields.get(0).equals("user")) {
        users.put(fields.get(1), fields.get(2));
      }
    }
    return users;
  }

  /** Whether the user's line marks it optional: left out while its password variable is empty. */
  boolean optional(String user) {
    return lines.stream()
        .anyMatch(
            f ->
                f.get(0).equals("user")
                    && f.get(1).equals(user)
                    && f.size() == 4
                    && f.get(3).equals("optional"));
  }

  /** The lines of one type ({@code vhost}, {@code topic}) for one user. */
  List<List<String>> rules(String type, String user) {
    return lines.stream().filter(f -> f.get(0).equals(type) && f.get(1).equals(user)).toList();
  }
}
