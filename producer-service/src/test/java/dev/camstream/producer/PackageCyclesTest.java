package dev.camstream.producer;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The packages of producer-service form no cycle: each is a step of the path that depends only on steps below it. */
class PackageCyclesTest {

    @Test
    void packagesFormNoCycle() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.camstream.producer");
        // Every package is a slice, the service's root package (its settings) included.
        slices().matching("dev.camstream.(**)").should().beFreeOfCycles().check(classes);
    }
}
