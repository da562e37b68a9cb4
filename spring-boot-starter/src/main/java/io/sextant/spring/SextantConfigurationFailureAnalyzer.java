package io.sextant.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link SextantConfigurationException} into Spring Boot's "APPLICATION FAILED TO START"
 * report, naming the property to fix.
 */
public class SextantConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<SextantConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SextantConfigurationException cause) {
        String description = "Sextant could not start because of property '" + cause.property() + "': "
                + cause.getMessage();
        return new FailureAnalysis(description, cause.action(), cause);
    }
}
