package io.pinpointimport.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout's rules, checked on the compiled main classes of every published module (this module's test
 * classpath holds them all). A class's module is the Maven module it was compiled in, read from where its class
 * file lies ({@code pinpoint-import-<name>/target/...} or the module's jar), so a new module is covered without
 * touching this test.
 * The benchmarks module is not published and measures internals on purpose; it is not on this classpath.
 *
 * <p>Core's package rule slices the packages below {@code io.pinpointimport}: the root package is the façade,
 * whose API types the internals that implement it use, so it is left out of the slices.
 */
class ArchitectureTest {
    /**
     * A module's build output ({@code <module>/target/}) or its jar in a Maven repository
     * ({@code <module>/<version>/<module>-...jar}).
     */
    private static final Pattern MODULE =
            Pattern.compile("/(pinpoint-import-[a-z0-9]+(?:-[a-z0-9]+)*)/(?:target/|[^/]+/\\1-[^/]*\\.jar)");

    private static final String CORE = "pinpoint-import-core";
    private static final String EMULATOR = "pinpoint-import-emulator";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ArchitectureTest::isMainClassOfOurs)
                .importPackages("io.pinpointimport");
    }

    /** Main classes only: neither test classes of any module nor a module's test-jar. */
    private static boolean isMainClassOfOurs(Location location) {
        String uri = location.asURI().toString();
        return MODULE.matcher(uri).find() && !uri.contains("/test-classes/") && !uri.contains("-tests.jar");
    }

    static Optional<String> moduleOf(JavaClass javaClass) {
        return javaClass.getSource().map(source -> {
            Matcher m = MODULE.matcher(source.getUri().toString());
            String module = null;
            while (m.find()) {
                module = m.group(1);
            }
            return module;
        });
    }

    private static DescribedPredicate<JavaClass> inModule(String module) {
        return DescribedPredicate.describe(
                "in module " + module, c -> moduleOf(c).filter(module::equals).isPresent());
    }

    @Test
    void everyPublishedModuleIsSeen() {
        Set<String> modules = new TreeSet<>();
        classes.forEach(c -> moduleOf(c).ifPresent(modules::add));
        // Guards the rules below against passing on an empty or partial import.
        assertThat(modules)
                .contains(
                        CORE,
                        "pinpoint-import-s3",
                        "pinpoint-import-connect",
                        EMULATOR,
                        "pinpoint-import-fixtures",
                        "pinpoint-import-testkit",
                        "pinpoint-import-cli");
    }

    @Test
    void noClassUsesAnotherModulesInternalPackage() {
        classes()
                .should(new ArchCondition<JavaClass>("use no other module's internal package") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        Optional<String> own = moduleOf(origin);
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            JavaClass target = dependency.getTargetClass();
                            boolean internal = target.getPackageName().startsWith("io.pinpointimport.")
                                    && (target.getPackageName().contains(".internal.")
                                            || target.getPackageName().endsWith(".internal"));
                            if (internal) {
                                Optional<String> theirs = moduleOf(target);
                                if (theirs.isPresent() && !theirs.equals(own)) {
                                    events.add(SimpleConditionEvent.violated(
                                            dependency,
                                            own.orElse("?") + ": " + dependency.getDescription() + " (internal to "
                                                    + theirs.get() + ")"));
                                }
                            }
                        }
                    }
                })
                .check(classes);
    }

    @Test
    void corePackagesHaveNoCycles() {
        JavaClasses core = classes.that(inModule(CORE));
        slices().matching("io.pinpointimport.(**)").should().beFreeOfCycles().check(core);
    }

    @Test
    void coreKnowsNoOtherTargetOrStore() {
        noClasses()
                .that(inModule(CORE))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon.awssdk.services.customerprofiles..",
                        "software.amazon.awssdk.services.s3..",
                        "io.pinpointimport.connect..",
                        "io.pinpointimport.s3..",
                        "io.pinpointimport.emulator..",
                        "io.pinpointimport.testkit..",
                        "io.pinpointimport.cli..")
                .check(classes);
    }

    @Test
    void emulatorNeedsNoLibraryAndNoTestFramework() {
        noClasses()
                .that(inModule(EMULATOR))
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "in the library or a test framework",
                        (JavaClass c) -> c.getPackageName().startsWith("org.junit")
                                || c.getPackageName().startsWith("com.github.tomakehurst.wiremock")
                                || c.getPackageName().startsWith("org.wiremock")
                                || c.getPackageName().startsWith("io.pinpointimport.")
                                        && !c.getPackageName().startsWith("io.pinpointimport.emulator")))
                .check(classes);
    }
}
