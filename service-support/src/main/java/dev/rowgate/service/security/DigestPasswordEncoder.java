package dev.rowgate.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import dev.rowgate.service.Sha256;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Compares a password with a user's by their SHA-256 digests, in constant time. The users'
 * passwords come from the process's environment, so a deliberately slow hash (bcrypt) would guard
 * nothing, and it cost every request, a wrong guess included, about 50 ms of CPU.
 */
public final class DigestPasswordEncoder implements PasswordEncoder {

  @Override
  public String encode(CharSequence password) {
    return HexFormat.of().formatHex(digest(password));
  }

  @Override
  public boolean matches(CharSequence password, String encoded) {
    return encoded != null && MessageDigest.isEqual(digest(password), HexFormat.of().parseHex(encoded));
  }

  private static byte[] digest(CharSequence password) {
    return Sha256.digest().digest(password.toString().getBytes(StandardCharsets.UTF_8));
  }
}
