package dev.ember.shuffle.transport;

/**
 * A request to the block server: map {@code mapId}'s blocks of shuffle {@code shuffleId} for
 * reducers {@code startReduce} (inclusive) to {@code endReduce} (exclusive), answered by one
 * response frame carrying {@code requestId} and their raw bytes.
 */
public record OpenBlocks(long requestId, int shuffleId, int mapId, int startReduce, int endReduce) {
  public OpenBlocks {
    if (shuffleId < 0 || mapId < 0 || startReduce < 0 || endReduce <= startReduce) {
      throw new IllegalArgumentException("bad block request: shuffle " + shuffleId + ", map " + mapId + ", reducers "
          + startReduce + ".." + endReduce);
    }
  }
}
