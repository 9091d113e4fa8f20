package example.callsite;

import dev.ember.sql.DataFrame;
import dev.ember.sql.Row;
import java.util.List;

/** A user's program outside Ember's packages: the call site its jobs must be described by. */
public final class UserProgram {
  /** The line of the collect call below, which job descriptions name. */
  public static final int COLLECT_LINE = 15;

  private UserProgram() {}

  public static List<Row> collect(DataFrame frame) {
    return frame.collectAsList();
  }
}
