package dev.ember.sql.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts SQL text into statements at each {@code ;} that is outside a string ({@code '...'} with
 * {@code ''} inside, {@code "..."}), a quoted identifier ({@code `...`}) and a comment ({@code --}
 * to the end of the line, {@code /* ... *}{@code /}). Text arrives in pieces (lines typed one by
 * one); what follows the last {@code ;} waits for more. Owned by the shell's one thread.
 */
final class StatementSplitter {
  private final StringBuilder pending = new StringBuilder();
  /** The quote or comment the scan is inside at the end of {@link #pending}: 0 when none. */
  private char inside;
  private int scanned;

  /** Adds {@code text} and returns the statements it completes (without their {@code ;}, trimmed, empty ones dropped). */
  List<String> add(String text) {
    pending.append(text);
    List<String> statements = new ArrayList<>();
    int start = 0;
    int i = scanned;
    while (i < pending.length()) {
      char c = pending.charAt(i);
      char next = i + 1 < pending.length() ? pending.charAt(i + 1) : 0;
      switch (inside) {
        case 0 -> {
          if (c == '\'' || c == '"' || c == '`') {
            inside = c;
          } else if (c == '-' && next == '-') {
            inside = '-';
            i++;
          } else if (c == '/' && next == '*') {
            inside = '*';
            i++;
          } else if (c == ';') {
            addStatement(statements, pending.substring(start, i));
            start = i + 1;
          }
        }
        case '-' -> {
          if (c == '\n') {
            inside = 0;
          }
        }
        case '*' -> {
          if (c == '*' && next == '/') {
            inside = 0;
            i++;
          }
        }
        default -> {
          // In a quote: a doubled quote is the quote character itself, so the quote goes on.
          if (c == inside) {
            if (next == inside) {
              i++;
            } else {
              inside = 0;
            }
          }
        }
      }
      i++;
    }
    pending.delete(0, start);
    scanned = i - start;
    return statements;
  }

  /** True when text that is not only blanks and comments waits for its {@code ;}. */
  boolean hasPending() {
    return !withoutComments(pending.toString()).isBlank();
  }

  /** The text after the last {@code ;} (the input ended without one), then empty. */
  String drain() {
    String rest = pending.toString().trim();
    pending.setLength(0);
    scanned = 0;
    inside = 0;
    return withoutComments(rest).isBlank() ? "" : rest;
  }

  private static void addStatement(List<String> statements, String text) {
    String statement = text.trim();
    if (!withoutComments(statement).isBlank()) {
      statements.add(statement);
    }
  }

  /** The text without {@code --} line comments and block comments (strings are kept as they are). */
  static String withoutComments(String text) {
    StringBuilder result = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if (quote != 0) {
        result.append(c);
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
        result.append(c);
      } else if (c == '-' && next == '-') {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end - 1;
      } else if (c == '/' && next == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? text.length() : end + 1;
        result.append(' ');
      } else {
        result.append(c);
      }
    }
    return result.toString();
  }
}
