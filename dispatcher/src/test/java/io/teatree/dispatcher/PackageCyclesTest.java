package io.teatree.dispatcher;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dispatcher's packages depend on each other without cycles (main classes only). */
@AnalyzeClasses(packages = "io.teatree.dispatcher", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("io.teatree.dispatcher.(*)..").should().beFreeOfCycles();
}
