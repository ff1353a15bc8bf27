package dev.retention.fuzz;

import dev.retention.data.TransactionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of retention-core, found by reflection over the compiled main classes (the
 * directory or jar that holds {@link TransactionLog}): every public constructor and every public
 * method (static or instance, declared or inherited from a library type) of every public,
 * top-level-reachable type outside {@code dev.retention.internal}. Methods inherited from
 * {@code java.*} types ({@code Object}, {@code Enum}, {@code Record}, {@code Throwable}) are not
 * library API and are left out.
 *
 * <p>An entry point is keyed {@code package.Type#name(ParamType,...)} relative to
 * {@code dev.retention}, e.g. {@code clv.BgNbdModel#fit(RecencyFrequencyData,FitOptions)}; a
 * method inherited by several public types is one entry point per type, since it is reached (and
 * possibly overridden) separately.
 */
final class ApiSurface {
  private ApiSurface() {}

  private static final String ROOT = "dev.retention.";

  /** One public constructor or method, reached through a public type. */
  record EntryPoint(String key, Class<?> owner, Executable executable) {
    boolean isStatic() {
      return executable instanceof Constructor || Modifier.isStatic(executable.getModifiers());
    }

    String name() {
      return executable instanceof Constructor ? "<init>" : executable.getName();
    }

    Class<?> returnType() {
      return executable instanceof Method m ? m.getReturnType() : owner;
    }
  }

  private static volatile List<EntryPoint> cached;

  /** Every entry point, sorted by key. */
  static List<EntryPoint> entryPoints() {
    List<EntryPoint> c = cached;
    if (c == null) {
      c = scan();
      cached = c;
    }
    return c;
  }

  /** The public types of the library, sorted by name. */
  static List<Class<?>> publicTypes() {
    return entryPoints().stream().map(EntryPoint::owner).distinct()
        .sorted(Comparator.comparing(Class::getName)).collect(Collectors.toList());
  }

  private static List<EntryPoint> scan() {
    Path root;
    try {
      root = Path.of(TransactionLog.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<String> classNames;
    if (Files.isDirectory(root)) {
      try (Stream<Path> files = Files.walk(root)) {
        classNames = files.map(p -> root.relativize(p).toString().replace('\\', '/'))
            .filter(n -> n.endsWith(".class"))
            .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
            .sorted().collect(Collectors.toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      try (java.util.jar.JarFile jar = new java.util.jar.JarFile(root.toFile())) {
        classNames = jar.stream().map(java.util.jar.JarEntry::getName)
            .filter(n -> n.endsWith(".class"))
            .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
            .sorted().collect(Collectors.toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<EntryPoint> out = new ArrayList<>();
    for (String name : classNames) {
      if (!name.startsWith(ROOT) || name.startsWith(ROOT + "internal.")
          || name.endsWith("package-info") || name.equals("module-info")) {
        continue;
      }
      Class<?> c;
      try {
        c = Class.forName(name, false, ApiSurface.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      if (!isReachable(c)) {
        continue;
      }
      for (Constructor<?> k : c.getConstructors()) {
        if (!k.isSynthetic()) {
          out.add(new EntryPoint(key(c, "<init>", k.getParameterTypes()), c, k));
        }
      }
      Map<String, Method> bySignature = new LinkedHashMap<>();
      for (Method m : c.getMethods()) {
        if (!m.getDeclaringClass().getName().startsWith(ROOT)) {
          continue;
        }
        String k = key(c, m.getName(), m.getParameterTypes());
        Method prior = bySignature.get(k);
        // keep the most specific return type when a covariant bridge shares the signature
        if (prior == null || (prior.isBridge() && !m.isBridge())
            || prior.getReturnType().isAssignableFrom(m.getReturnType())) {
          bySignature.put(k, m);
        }
      }
      bySignature.forEach((k, m) -> out.add(new EntryPoint(k, c, m)));
    }
    out.sort(Comparator.comparing(EntryPoint::key));
    return List.copyOf(out);
  }

  private static boolean isReachable(Class<?> c) {
    if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
      return false;
    }
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  static String typeName(Class<?> c) {
    String n = c.getName();
    return n.startsWith(ROOT) ? n.substring(ROOT.length()) : n;
  }

  private static String key(Class<?> c, String name, Class<?>[] params) {
    return typeName(c) + "#" + name + "(" + Arrays.stream(params).map(Class::getSimpleName)
        .collect(Collectors.joining(",")) + ")";
  }
}
