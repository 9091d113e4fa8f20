package dev.ember.shuffle.fetch;

/** One block of a shuffle: the rows map {@code mapId} wrote for reducer {@code reduceId}. */
public record ShuffleBlockId(int shuffleId, int mapId, int reduceId) {
  @Override
  public String toString() {
    return "shuffle_" + shuffleId + "_" + mapId + "_" + reduceId;
  }
}
