package org.supportinbox.functions.analyze.command;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.supportinbox.functions.analyze.InsightJson;
import org.supportinbox.functions.analyze.InsightParser;
import org.supportinbox.functions.analyze.ParseResult;

/**
 * {@code ./inbox parse}: runs {@link InsightParser} on stdin, to try the parser on real model
 * output by hand or from a script: {@code ollama run phi3 "..." | java -cp ...
 * org.supportinbox.functions.analyze.command.ParseCommand}. Exit status 0 with the normalised
 * insight as one JSON line on stdout ({@link InsightJson}), 1 with {@code rejected: <reason>} on
 * stderr, 2 when stdin cannot be read.
 */
public final class ParseCommand {

  private ParseCommand() {}

  public static void main(String[] args) {
    // System.out encodes with the platform charset; the contract is UTF-8 whatever the locale.
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(run(System.in, out, err));
  }

  /** Parses all of {@code in} as UTF-8 (malformed bytes become U+FFFD) and reports; the status. */
  static int run(InputStream in, PrintStream out, PrintStream err) {
    String text;
    try {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.print("error: cannot read stdin: " + e.getMessage() + "\n");
      err.flush();
      return 2;
    }
    ParseResult result = InsightParser.parse(text);
    if (result instanceof ParseResult.Accepted accepted) {
      out.print(InsightJson.of(accepted.insight()).toJson() + "\n");
      out.flush();
      return 0;
    }
    err.print("rejected: " + ((ParseResult.Rejected) result).reason() + "\n");
    err.flush();
    return 1;
  }
}
