package dev.ember.core.shuffle;

/**
 * A reduce task could not read a map output block: the map output is lost and must be recomputed
 * from lineage. Names the shuffle, map and reduce ids.
 */
public class FetchFailedException extends RuntimeException {
  private final int shuffleId;
  private final int mapId;
  private final int reduceId;

  public FetchFailedException(int shuffleId, int mapId, int reduceId, String reason, Throwable cause) {
    super("Failed to fetch shuffle " + shuffleId + " map " + mapId + " reduce " + reduceId + ": " + reason, cause);
    this.shuffleId = shuffleId;
    this.mapId = mapId;
    this.reduceId = reduceId;
  }

  public int shuffleId() {
    return shuffleId;
  }

  public int mapId() {
    return mapId;
  }

  public int reduceId() {
    return reduceId;
  }
}
