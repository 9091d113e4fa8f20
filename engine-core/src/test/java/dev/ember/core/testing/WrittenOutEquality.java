package dev.ember.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * The check for a record whose equals and hashCode are written out (not generated, see ColumnType):
 * every component takes part. Given an instance, an equal copy built from equal (not the same)
 * components, and one variant per component differing in that component alone; a component added
 * to the record without a variant in the caller's test fails the count check.
 */
public final class WrittenOutEquality {
  private WrittenOutEquality() {}

  public static void assertEveryComponentCompared(Object record, Object equalCopy, List<?> variants) {
    assertThat(variants)
        .as("one variant per component of %s", record.getClass().getSimpleName())
        .hasSize(record.getClass().getRecordComponents().length);
    assertThat(equalCopy).isNotSameAs(record).isEqualTo(record);
    assertThat(equalCopy.hashCode()).isEqualTo(record.hashCode());
    for (Object variant : variants) {
      assertThat(variant).isNotEqualTo(record);
      assertThat(record).isNotEqualTo(variant);
    }
    assertThat(record).isNotEqualTo(null).isNotEqualTo("another type");
  }
}
