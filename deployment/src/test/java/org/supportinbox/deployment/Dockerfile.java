package org.supportinbox.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile as its instructions: comments dropped, continuation lines joined. Enough to check
 * what the images are made of without a Docker engine.
 */
record Dockerfile(String path, List<Instruction> instructions) {

  /** {@code KEYWORD arguments}, the keyword upper-case. */
  record Instruction(String keyword, String arguments) {}

  static Dockerfile of(String path) {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Repo.read(path).split("\n")) {
      String stripped = line.strip();
      if (current.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
        continue;
      }
      if (!current.isEmpty() && stripped.startsWith("#")) {
        continue; // a comment inside a continued instruction
      }
      if (stripped.endsWith("\\")) {
        current.append(stripped, 0, stripped.length() - 1).append(' ');
        continue;
      }
      current.append(stripped);
      String[] parts = current.toString().split("\\s+", 2);
      instructions.add(
          new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length == 2 ? parts[1] : ""));
      current.setLength(0);
    }
    return new Dockerfile(path, List.copyOf(instructions));
  }

  List<Instruction> all(String keyword) {
    return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  /** The arguments of the last such instruction (the one that counts for the final image). */
  String last(String keyword) {
    List<Instruction> found = all(keyword);
    if (found.isEmpty()) {
      throw new AssertionError(path + " has no " + keyword);
    }
    return found.get(found.size() - 1).arguments();
  }

  /** The instructions of the last stage: from its FROM to the end. */
  Dockerfile finalStage() {
    int from = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).keyword().equals("FROM")) {
        from = i;
      }
    }
    return new Dockerfile(path + " (final stage)", instructions.subList(from, instructions.size()));
  }
}
