import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The API gate of the build (run by the parent POM in {@code verify}, Java source-file mode, no dependencies).
 *
 * <p>Writes the public API of one module's compiled classes as sorted text: every public or protected type outside
 * {@code internal} packages, with its kind, type parameters, supertypes, and its public and protected
 * constructors, methods and fields with their generic signatures and thrown exceptions. {@code check} compares that
 * text with the committed record and fails, naming the lines that differ, when they are not equal; {@code update}
 * rewrites the record. The text is the same on every machine and JDK 17+ (sorted; no source positions).
 *
 * <p>Usage: {@code java -cp <module classes and dependencies> ApiRecord.java check|update <classes dir> <record>}
 */
public final class ApiRecord {
    private static final String UPDATE_COMMAND = "./mvnw -B -DskipTests -DupdateApi verify";

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !(args[0].equals("check") || args[0].equals("update"))) {
            System.err.println("usage: ApiRecord check|update <classes dir> <record file>");
            System.exit(2);
        }
        Path classes = Path.of(args[1]);
        Path record = Path.of(args[2]);
        String actual = describe(classes);
        if (args[0].equals("update")) {
            Files.createDirectories(record.toAbsolutePath().getParent());
            Files.writeString(record, actual, StandardCharsets.UTF_8);
            System.out.println("[api] wrote " + record);
            return;
        }
        String expected = Files.exists(record) ? Files.readString(record, StandardCharsets.UTF_8) : null;
        if (actual.equals(expected)) {
            System.out.println("[api] public API matches " + record.getFileName());
            return;
        }
        System.err.println("[api] The public API of " + classes.getParent().getParent().getFileName()
                + " differs from its record " + record + ".");
        if (expected == null) {
            System.err.println("[api] There is no record yet.");
        } else {
            List<String> before = Arrays.asList(expected.split("\n"));
            List<String> after = Arrays.asList(actual.split("\n"));
            after.stream().filter(l -> !before.contains(l)).limit(40).forEach(l -> System.err.println("[api] + " + l));
            before.stream().filter(l -> !after.contains(l)).limit(40).forEach(l -> System.err.println("[api] - " + l));
        }
        System.err.println("[api] If the change is intended, regenerate the records with: " + UPDATE_COMMAND
                + " and commit them with the change (a removed or changed line breaks users).");
        System.exit(1);
    }

    static String describe(Path classes) throws IOException, ClassNotFoundException {
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(p -> classes.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.endsWith(".class"))
                    .filter(n -> !n.endsWith("module-info.class") && !n.endsWith("package-info.class"))
                    .filter(n -> !n.contains("/internal/") && !n.startsWith("internal/"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .collect(Collectors.toList());
        }
        ClassLoader loader = ApiRecord.class.getClassLoader();
        List<String> blocks = new ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, loader);
            if (!isApi(type)) {
                continue;
            }
            List<String> members = new ArrayList<>();
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c.getModifiers()) && !c.isSynthetic()) {
                    members.add("  " + c.toGenericString().replace(type.getName() + "(", "<init>("));
                }
            }
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    members.add("  " + m.toGenericString());
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f.getModifiers()) && !f.isSynthetic()) {
                    members.add("  " + f.toGenericString());
                }
            }
            members.sort(null);
            StringBuilder b = new StringBuilder(header(type)).append('\n');
            members.forEach(m -> b.append(m).append('\n'));
            blocks.add(b.toString());
        }
        return String.join("\n", blocks);
    }

    /** Public, or protected inside an API type, all the way out; anonymous and local classes never. */
    private static boolean isApi(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            int m = c.getModifiers();
            boolean nested = c.getDeclaringClass() != null;
            if (!(Modifier.isPublic(m) || (nested && Modifier.isProtected(m)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String header(Class<?> type) {
        StringBuilder b = new StringBuilder(type.toGenericString());
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            b.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0 && !type.isAnnotation()) {
            b.append(type.isInterface() ? " extends " : " implements ");
            b.append(Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        if (type.isRecord()) {
            b.append(" components(");
            b.append(Arrays.stream(type.getRecordComponents())
                    .map(c -> c.getGenericType().getTypeName() + " " + c.getName())
                    .collect(Collectors.joining(", ")));
            b.append(')');
        }
        if (type.isSealed()) {
            b.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses())
                    .map(Class::getName).sorted().collect(Collectors.joining(", ")));
        }
        return b.toString();
    }

    private ApiRecord() {
    }
}
