package io.teatree.testkit;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The package rule of every module (docs/design.md, layout): the main classes under a root package, grouped
 * by their first sub-package (the root package itself is a group too), depend on each other without cycles.
 */
public final class PackageCycles {

    private PackageCycles() {
    }

    /** Fails, naming the cycles, when the main classes under {@code root} have a package cycle. */
    public static void assertNone(String root) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        if (classes.isEmpty()) {
            throw new AssertionError("no main classes under " + root);
        }
        slices().assignedFrom(firstSubPackage(root)).should().beFreeOfCycles().check(classes);
    }

    private static SliceAssignment firstSubPackage(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                if (!pkg.startsWith(root)) {
                    return SliceIdentifier.ignore();
                }
                String rest = pkg.substring(root.length());
                if (rest.isEmpty()) {
                    return SliceIdentifier.of(root);
                }
                String first = rest.substring(1).split("\\.", 2)[0];
                return SliceIdentifier.of(root + "." + first);
            }

            @Override
            public String getDescription() {
                return "the packages of " + root + " (the root and each first sub-package)";
            }
        };
    }
}
