package dev.eider.distribution;

import dagger.Component;
import dev.eider.runtime.service.Distribution;

/** The standard distribution: every component Eider ships. */
@Component(modules = StandardModules.class)
public interface StandardDistribution extends Distribution {}
