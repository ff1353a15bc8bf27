package dev.retention.examples;

/** Placeholder: the retention report example is being written. */
public final class RetentionReport {
  private RetentionReport() {}

  /**
   * Runs the example.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    System.out.println("retention");
  }
}
