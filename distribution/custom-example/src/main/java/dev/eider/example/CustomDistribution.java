package dev.eider.example;

import dagger.Component;
import dev.eider.distribution.StandardModules;
import dev.eider.runtime.service.Distribution;

/** A custom distribution: the standard components plus the severity filter of this module. */
@Component(modules = {StandardModules.class, SeverityFilterModule.class})
public interface CustomDistribution extends Distribution {}
