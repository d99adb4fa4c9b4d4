package dev.rowgate.service.test;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Inputs no one chose, for the fuzz tests of the readers of what clients send. */
public final class Fuzz {

  private Fuzz() {
  }

  /** Fewer than {@code maxLength} bytes, two in three of them from {@code alphabet}, the others any byte. */
  public static byte[] noise(SplittableRandom random, int maxLength, String alphabet) {
    byte[] bytes = new byte[random.nextInt(maxLength)];
    for (int b = 0; b < bytes.length; b++) {
      bytes[b] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : (byte) alphabet.charAt(random.nextInt(
          alphabet.length()));
    }
    return bytes;
  }

  /** The bytes with one to three of them changed, and half the time cut short. */
  public static byte[] mutated(SplittableRandom random, byte[] bytes) {
    byte[] out = bytes.clone();
    for (int m = random.nextInt(1, 4); m > 0 && out.length > 0; m--) {
      out[random.nextInt(out.length)] = (byte) random.nextInt(256);
    }
    return random.nextBoolean() ? out : Arrays.copyOf(out, random.nextInt(out.length + 1));
  }
}
