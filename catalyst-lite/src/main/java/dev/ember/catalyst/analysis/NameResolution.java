package dev.ember.catalyst.analysis;

import dev.ember.core.text.EditDistance;
import dev.ember.core.expression.AttributeReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds columns by name in a plan's output the way Spark does: case-insensitive, {@code t.x}
 * through the qualifier a {@code SubqueryAlias} gives, {@code *} and {@code t.*} for all columns.
 * Failures name the column and list the available ones, closest (by edit distance) first.
 */
final class NameResolution {
  private NameResolution() {}

  static boolean isStar(String name) {
    return name.equals("*") || name.endsWith(".*");
  }

  /** The attribute {@code name} refers to; fails when there is none or more than one. */
  static AttributeReference resolve(List<AttributeReference> input, String name) {
    List<AttributeReference> matches = candidates(input, name);
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw unresolved(input, name);
    }
    List<String> described = matches.stream().map(NameResolution::quotedQualified).toList();
    throw new AnalysisFailure("[AMBIGUOUS_REFERENCE] Reference " + quoted(name) + " is ambiguous, could be: "
        + described + ".");
  }

  /** Every attribute (one per id) that {@code name} matches: qualified matches first, then the whole name. */
  static List<AttributeReference> candidates(List<AttributeReference> input, String name) {
    // A list checked by id, not a map: a name matches one column or a few, and this runs for every
    // column reference of every query, mostly interpreted in a young JVM.
    List<AttributeReference> matches = new ArrayList<>(2);
    int dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith("`")) {
      String qualifier = unquote(name.substring(0, dot));
      String column = unquote(name.substring(dot + 1));
      for (int i = 0; i < input.size(); i++) {
        AttributeReference attribute = input.get(i);
        if (attribute.qualifier().equalsIgnoreCase(qualifier) && attribute.name().equalsIgnoreCase(column)) {
          addUnlessSameId(matches, attribute);
        }
      }
    }
    if (matches.isEmpty()) {
      String column = unquote(name);
      for (int i = 0; i < input.size(); i++) {
        AttributeReference attribute = input.get(i);
        if (attribute.name().equalsIgnoreCase(column)) {
          addUnlessSameId(matches, attribute);
        }
      }
    }
    return matches;
  }

  /** Adds {@code attribute} unless a column of its id is in already (the first one stays). */
  private static void addUnlessSameId(List<AttributeReference> matches, AttributeReference attribute) {
    for (int i = 0; i < matches.size(); i++) {
      if (matches.get(i).id() == attribute.id()) {
        return;
      }
    }
    matches.add(attribute);
  }

  /** The columns {@code *} or {@code t.*} stands for. */
  static List<AttributeReference> expandStar(List<AttributeReference> input, String star) {
    if (star.equals("*")) {
      return input;
    }
    String qualifier = unquote(star.substring(0, star.length() - 2));
    List<AttributeReference> matches =
        input.stream().filter(attribute -> attribute.qualifier().equalsIgnoreCase(qualifier)).toList();
    if (matches.isEmpty()) {
      throw new AnalysisFailure("[CANNOT_RESOLVE_STAR_EXPAND] Cannot resolve " + quoted(qualifier)
          + ".* given input columns " + String.join(", ", input.stream().map(NameResolution::quotedQualified).toList())
          + ".");
    }
    return matches;
  }

  static AnalysisFailure unresolved(List<AttributeReference> input, String name) {
    if (input.isEmpty()) {
      return new AnalysisFailure("[UNRESOLVED_COLUMN.WITHOUT_SUGGESTION] A column or function parameter with name "
          + quoted(name) + " cannot be resolved.");
    }
    return new AnalysisFailure("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name "
        + quoted(name) + " cannot be resolved. Did you mean one of the following? "
        + suggestions(input, name) + ".");
  }

  /** All available columns, closest to {@code name} first (stable for ties: plan order). */
  static List<String> suggestions(List<AttributeReference> input, String name) {
    String wanted = unquote(name).toLowerCase(Locale.ROOT);
    boolean qualified = name.contains(".");
    List<AttributeReference> distinct = new ArrayList<>(
        input.stream().collect(Collectors.toMap(
            AttributeReference::id, attribute -> attribute, (first, second) -> first, LinkedHashMap::new)).values());
    List<AttributeReference> sorted = new ArrayList<>(distinct);
    sorted.sort(Comparator.comparingInt(attribute -> EditDistance.between(wanted,
        (qualified && !attribute.qualifier().isEmpty() ? attribute.qualifier() + "." + attribute.name() : attribute.name())
            .toLowerCase(Locale.ROOT))));
    return sorted.stream().map(NameResolution::quotedQualified).toList();
  }

  static String quotedQualified(AttributeReference attribute) {
    return attribute.qualifier().isEmpty()
        ? quoted(attribute.name())
        : "`" + attribute.qualifier() + "`.`" + attribute.name() + "`";
  }

  /** {@code `name`}, or {@code `t`.`name`} for a qualified name. */
  static String quoted(String name) {
    if (name.startsWith("`")) {
      return name;
    }
    int dot = name.indexOf('.');
    if (dot > 0) {
      return "`" + name.substring(0, dot) + "`.`" + name.substring(dot + 1) + "`";
    }
    return "`" + name + "`";
  }

  static String unquote(String name) {
    if (name.length() >= 2 && name.startsWith("`") && name.endsWith("`")) {
      return name.substring(1, name.length() - 1).replace("``", "`");
    }
    return name;
  }

}
